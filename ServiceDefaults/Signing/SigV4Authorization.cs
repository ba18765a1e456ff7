namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// What a request claims about its signature, from the Authorization header or a presigned query, before any
/// of it is checked.
/// </summary>
internal sealed record SigV4Authorization(
    string AccessKeyId,
    string ScopeDate,
    string Region,
    string Service,
    string Terminator,
    string SignedHeaders,
    string Signature,
    string Timestamp,
    DateTimeOffset SigningTime,
    TimeSpan? Expires)
{
    /// <summary>True for presigned (query-string) authentication.</summary>
    public bool Presigned { get; init; }

    public string Scope => SigV4Canonical.Scope(ScopeDate, Region, Service);

    public string[] SignedHeaderNames => SignedHeaders.Split(';');
}
