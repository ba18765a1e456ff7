namespace Platform.Definitions.Waf;

/// <summary><c>{"or": [s1, s2, ...]}</c>: some statement matches (evaluated in order, stopping at the first that does).</summary>
public sealed record OrStatement(IReadOnlyList<WafStatement> Statements) : WafStatement;
