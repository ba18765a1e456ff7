namespace Platform.Definitions.Waf;

/// <summary><c>{"sqliMatch": {"fieldsToMatch": [...]}}</c>: one of the fields looks like SQL injection.</summary>
public sealed record SqliMatchStatement : WafStatement
{
    public required IReadOnlyList<FieldToMatch> FieldsToMatch { get; init; }

    public OversizeHandling OversizeHandling { get; init; }
}
