using Platform.Definitions.Waf;
using Platform.Gateway.Waf.Matching;
using Platform.Gateway.Waf.Rate;

namespace Platform.Gateway.Waf;

/// <summary>Turns validated statements into matchers: IP sets into range tables, regexes compiled, rate rules keyed by ACL and rule.</summary>
internal static class WafMatcherCompiler
{
    public static WafMatcher Compile(WafStatement statement, string acl, string rule, IReadOnlyDictionary<string, AddressRanges> ipSets) => statement switch
    {
        IpSetStatement s => new IpSetMatcher(ipSets[s.IpSet]),
        SqliMatchStatement s => new DetectorMatcher(s.FieldsToMatch, s.OversizeHandling, sqlInjection: true),
        XssMatchStatement s => new DetectorMatcher(s.FieldsToMatch, s.OversizeHandling, sqlInjection: false),
        RateBasedStatement s => new RateBasedMatcher(new RateRule(acl, rule, s.Limit, s.EvaluationWindowSec)),
        SizeConstraintStatement s => new SizeConstraintMatcher(s),
        GeoMatchStatement s => new GeoMatcher(s.CountryCodes),
        ByteMatchStatement s => new ByteMatcher(s),
        RegexMatchStatement s => new RegexMatcher(s),
        AndStatement s => new AndMatcher([.. s.Statements.Select(c => Compile(c, acl, rule, ipSets))]),
        OrStatement s => new OrMatcher([.. s.Statements.Select(c => Compile(c, acl, rule, ipSets))]),
        NotStatement s => new NotMatcher(Compile(s.Statement, acl, rule, ipSets)),
        _ => throw new InvalidOperationException($"statement {statement.GetType().Name} of rule '{rule}' in web ACL '{acl}' has no matcher"),
    };
}
