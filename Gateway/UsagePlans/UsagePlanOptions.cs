namespace Platform.Gateway.UsagePlans;

/// <summary>Where and how long usage-plan state is kept (configuration section <c>Gateway:UsagePlans</c>).</summary>
public sealed class UsagePlanOptions
{
    public const string SectionName = "Gateway:UsagePlans";

    /// <summary>
    /// Prefix of every Redis key the usage-plan store writes. Default <c>usageplans:</c>. Gateways that should
    /// share buckets and quotas use the same prefix on the same Redis.
    /// </summary>
    public string KeyPrefix { get; set; } = "usageplans:";

    /// <summary>
    /// How long daily usage is kept for the usage report, and the longest range one report may cover.
    /// Default 90 days.
    /// </summary>
    public int UsageRetentionDays { get; set; } = 90;

    /// <summary>
    /// How long a call to the Redis store may take before the requests waiting on it answer 500 (their charges may
    /// still run). Default 2 seconds.
    /// </summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
