namespace Platform.Gateway.Waf.Rate;

/// <summary>One rule's count for one source address (see <see cref="Definitions.Waf.IpAddressKey"/>).</summary>
internal readonly record struct RateKey(RateRule Rule, UInt128 Address);
