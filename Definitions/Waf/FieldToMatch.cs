namespace Platform.Definitions.Waf;

/// <summary>
/// One part of a request: <c>QUERY_STRING</c>, <c>BODY</c> (its first 8 KB), <c>ALL_HEADERS</c> (each value),
/// <c>URI_PATH</c>, <c>METHOD</c>, or <c>SINGLE_HEADER:{name}</c> / <c>SINGLE_QUERY_ARGUMENT:{name}</c> (names compared
/// case-insensitively).
/// </summary>
public sealed record FieldToMatch(FieldToMatchKind Kind, string? Name = null)
{
    /// <summary>How much of a body the WAF inspects, as AWS's regional web ACLs do.</summary>
    public const int BodyInspectionLimit = 8 * 1024;

    public override string ToString() => Name is null ? FieldToMatchNames.NameOf(Kind) : FieldToMatchNames.NameOf(Kind) + ":" + Name;
}
