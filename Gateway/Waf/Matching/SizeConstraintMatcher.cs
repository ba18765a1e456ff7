using Platform.Definitions.Waf;

namespace Platform.Gateway.Waf.Matching;

/// <summary><c>sizeConstraint</c>: the field's size in bytes (<see cref="WafRequest.SizeOf"/>) compared with the size.</summary>
internal sealed class SizeConstraintMatcher(SizeConstraintStatement statement) : WafMatcher
{
    public override bool ReadsBody => statement.FieldToMatch.Kind == FieldToMatchKind.Body;

    public override bool Matches(WafRequest request)
    {
        var size = request.SizeOf(statement.FieldToMatch);
        return statement.ComparisonOperator switch
        {
            ComparisonOperator.Eq => size == statement.Size,
            ComparisonOperator.Ne => size != statement.Size,
            ComparisonOperator.Le => size <= statement.Size,
            ComparisonOperator.Lt => size < statement.Size,
            ComparisonOperator.Ge => size >= statement.Size,
            _ => size > statement.Size,
        };
    }
}
