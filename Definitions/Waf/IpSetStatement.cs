namespace Platform.Definitions.Waf;

/// <summary><c>{"ipSet": "office"}</c>: the request's source address is in the named IP set.</summary>
public sealed record IpSetStatement(string IpSet) : WafStatement;
