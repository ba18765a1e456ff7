namespace Platform.Definitions.Waf;

/// <summary>
/// <c>{"sizeConstraint": {"fieldToMatch": "BODY", "comparisonOperator": "GT", "size": 8192}}</c>: the field's size in
/// bytes compares with <see cref="Size"/> as the operator says. A body's size is its <c>Content-Length</c>, or for a
/// chunked body the bytes read, up to the 8 KB inspection limit (more counts as 8 KB + 1).
/// </summary>
public sealed record SizeConstraintStatement : WafStatement
{
    public required FieldToMatch FieldToMatch { get; init; }

    public required ComparisonOperator ComparisonOperator { get; init; }

    public required long Size { get; init; }
}
