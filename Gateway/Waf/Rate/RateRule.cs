namespace Platform.Gateway.Waf.Rate;

/// <summary>
/// A rate-based rule as the counters know it: counters are shared by every definition snapshot naming the same ACL,
/// rule and window, so a reload does not forget who was sending too much (a new limit applies to the counts so far). The window is cut into <see cref="Slices"/>
/// slices; a slice's requests leave the count all at once when the slice leaves the window.
/// </summary>
internal sealed class RateRule : IEquatable<RateRule>
{
    public const int Slices = 30;

    public RateRule(string acl, string rule, long limit, int windowSeconds)
    {
        Acl = acl;
        Rule = rule;
        Limit = limit;
        WindowSeconds = windowSeconds;
        SliceMilliseconds = windowSeconds * 1000L / Slices;
        _hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(acl), StringComparer.Ordinal.GetHashCode(rule), windowSeconds);
    }

    private readonly int _hash;

    public string Acl { get; }

    public string Rule { get; }

    public long Limit { get; }

    public int WindowSeconds { get; }

    public long SliceMilliseconds { get; }

    public bool Equals(RateRule? other) =>
        other is not null && WindowSeconds == other.WindowSeconds
        && string.Equals(Acl, other.Acl, StringComparison.Ordinal) && string.Equals(Rule, other.Rule, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as RateRule);

    public override int GetHashCode() => _hash;
}
