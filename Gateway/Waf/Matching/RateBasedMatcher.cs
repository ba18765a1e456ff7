using Platform.Gateway.Waf.Rate;

namespace Platform.Gateway.Waf.Matching;

/// <summary><c>rateBased</c>: counts the request against its source address and matches once the window holds more than the limit.</summary>
internal sealed class RateBasedMatcher(RateRule rule) : WafMatcher
{
    public RateRule Rule { get; } = rule;

    public override bool Matches(WafRequest request) => request.Rates.Add(Rule, request.Source);
}
