namespace Platform.Definitions.Waf;

/// <summary>
/// <c>{"byteMatch": {"fieldToMatch": ..., "positionalConstraint": "CONTAINS", "searchString": "sqlmap"}}</c>: the
/// field, after its transformations, holds the search string where the constraint says.
/// </summary>
public sealed record ByteMatchStatement : WafStatement
{
    public required FieldToMatch FieldToMatch { get; init; }

    public required PositionalConstraint PositionalConstraint { get; init; }

    public required string SearchString { get; init; }

    /// <summary>False compares ignoring case (ordinal, culture-invariant). Default true, as AWS's byte matches are.</summary>
    public bool CaseSensitive { get; init; } = true;

    public IReadOnlyList<TextTransformation> TextTransformations { get; init; } = [];

    public OversizeHandling OversizeHandling { get; init; }
}
