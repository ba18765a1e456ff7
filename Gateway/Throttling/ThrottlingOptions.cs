namespace Platform.Gateway.Throttling;

/// <summary>
/// Throttling settings of the gateway process (section <see cref="SectionName"/>). The per-route limits come from
/// the stages' <c>defaultRouteSettings</c>/<c>routeSettings</c>; these are the account bucket and how the shared
/// (Redis) buckets are leased and what happens when Redis is unreachable.
/// </summary>
public sealed class ThrottlingOptions
{
    public const string SectionName = "Gateway:Throttling";

    /// <summary>The account bucket every request of every API passes (AWS: 10,000 requests per second); null: no account bucket.</summary>
    public double? AccountRateLimit { get; set; } = 10_000;

    /// <summary>The account bucket's capacity (AWS: 5,000).</summary>
    public int? AccountBurstLimit { get; set; } = 5_000;

    /// <summary>What a request gets while the shared store cannot be reached.</summary>
    public ThrottleStoreFailureMode StoreFailureMode { get; set; } = ThrottleStoreFailureMode.Open;

    /// <summary>How long one call to the shared store may take before it counts as a failure.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a store failure, how long requests get the failure mode without trying the store again.</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many requests' worth of a bucket's rate one lease takes from the shared store: a lease holds
    /// <c>rate × LeaseWindow</c> tokens (at least 1, at most half the burst), so a replica calls Redis about once per
    /// lease instead of once per request.
    /// </summary>
    public TimeSpan LeaseWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long leased tokens stay usable; unused ones are then dropped (never returned). This is the whole
    /// over-admission bound of the shared buckets: over any interval T all replicas admit at most
    /// <c>burst + rate × (T + LeaseLifetime)</c> requests.
    /// </summary>
    public TimeSpan LeaseLifetime { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Key prefix of the buckets in Redis.</summary>
    public string KeyPrefix { get; set; } = "throttle:";
}

/// <summary>What a throttled route does while the shared store (Redis) is unreachable.</summary>
public enum ThrottleStoreFailureMode
{
    /// <summary>Admit the request (the backend is unprotected meanwhile; counted and logged).</summary>
    Open,

    /// <summary>Refuse it with 429 Too Many Requests.</summary>
    Closed,
}
