namespace Platform.Definitions.Waf;

/// <summary>What a matching rule does: <c>ALLOW</c> and <c>BLOCK</c> end the evaluation, <c>COUNT</c> records the match and goes on.</summary>
public enum WafAction
{
    Allow,
    Block,
    Count,
}
