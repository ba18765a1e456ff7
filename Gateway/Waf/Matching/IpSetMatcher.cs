namespace Platform.Gateway.Waf.Matching;

/// <summary><c>ipSet</c>: the connection's source address is in the set.</summary>
internal sealed class IpSetMatcher(AddressRanges ranges) : WafMatcher
{
    public override bool Matches(WafRequest request) => ranges.Contains(request.Source);
}
