namespace Platform.Gateway.Waf;

/// <summary>How the WAF's rate-based rules share their counts (configuration section <c>Gateway:Waf</c>).</summary>
public sealed class WafOptions
{
    public const string SectionName = "Gateway:Waf";

    /// <summary>
    /// How often each replica sends its new counts to Redis and reads the totals back, in one call for every address
    /// counted since. Also the bound on over-admission: between two syncs a replica does not see what the others
    /// admitted. Default 500 ms.
    /// </summary>
    public TimeSpan RateSyncInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Prefix of the Redis keys of rate-based counters; replicas that share counts use the same. Default <c>waf:</c>.</summary>
    public string RateKeyPrefix { get; set; } = "waf:";

    /// <summary>How long one sync call may take before it counts as failed (its counts are kept and sent again). Default 2 seconds.</summary>
    public TimeSpan RateSyncTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most (rule, address) counters kept in memory; new addresses beyond it are not counted. Default 1,000,000.</summary>
    public int MaxTrackedAddresses { get; set; } = 1_000_000;

    /// <summary>How often idle counters are forgotten. Default 1 minute.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
