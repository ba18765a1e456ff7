namespace Platform.Definitions.Waf;

/// <summary><c>{"xssMatch": {"fieldsToMatch": [...]}}</c>: one of the fields looks like cross-site scripting.</summary>
public sealed record XssMatchStatement : WafStatement
{
    public required IReadOnlyList<FieldToMatch> FieldsToMatch { get; init; }

    public OversizeHandling OversizeHandling { get; init; }
}
