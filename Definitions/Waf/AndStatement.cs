namespace Platform.Definitions.Waf;

/// <summary><c>{"and": [s1, s2, ...]}</c>: every statement matches (evaluated in order, stopping at the first that does not).</summary>
public sealed record AndStatement(IReadOnlyList<WafStatement> Statements) : WafStatement;
