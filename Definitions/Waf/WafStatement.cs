namespace Platform.Definitions.Waf;

/// <summary>
/// What a rule tests; one of <see cref="IpSetStatement"/>, <see cref="SqliMatchStatement"/>,
/// <see cref="XssMatchStatement"/>, <see cref="RateBasedStatement"/>, <see cref="SizeConstraintStatement"/>,
/// <see cref="GeoMatchStatement"/>, <see cref="ByteMatchStatement"/>, <see cref="RegexMatchStatement"/>, or the
/// combinators <see cref="AndStatement"/>, <see cref="OrStatement"/>, <see cref="NotStatement"/>.
/// </summary>
public abstract record WafStatement;
