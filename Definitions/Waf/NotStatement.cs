namespace Platform.Definitions.Waf;

/// <summary><c>{"not": s}</c>: the statement does not match.</summary>
public sealed record NotStatement(WafStatement Statement) : WafStatement;
