namespace Platform.Definitions.Waf;

/// <summary>
/// <c>{"regexMatch": {"fieldToMatch": "URI_PATH", "regex": "^/admin(/|$)"}}</c>: the field, after its transformations,
/// matches the .NET regular expression. Matched without backtracking (linear time), so backreferences, lookarounds
/// and atomic groups are refused when definitions load.
/// </summary>
public sealed record RegexMatchStatement : WafStatement
{
    public required FieldToMatch FieldToMatch { get; init; }

    public required string Regex { get; init; }

    public IReadOnlyList<TextTransformation> TextTransformations { get; init; } = [];

    public OversizeHandling OversizeHandling { get; init; }
}
