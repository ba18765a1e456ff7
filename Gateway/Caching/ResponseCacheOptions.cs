namespace Platform.Gateway.Caching;

/// <summary>How the per-stage response cache keeps its entries (configuration section <c>Gateway:Cache</c>).</summary>
public sealed class ResponseCacheOptions
{
    public const string SectionName = "Gateway:Cache";

    /// <summary>
    /// Most bytes the in-memory store (embedded mode) holds, bodies and headers counted; past it the least recently
    /// used entries go first. Default 128 MiB. The Redis store is bounded by Redis' own <c>maxmemory</c> policy.
    /// </summary>
    public long MemoryLimitBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Whether responses of cached routes carry <c>X-Cache: Hit</c> or <c>X-Cache: Miss</c>. Default false (AWS sends no such header).</summary>
    public bool XCacheHeader { get; set; }

    /// <summary>Prefix of every Redis key the cache writes. Default <c>cache:</c>; gateways sharing a Redis share entries under the same prefix.</summary>
    public string KeyPrefix { get; set; } = "cache:";

    /// <summary>
    /// Longest wait for one Redis call; a slower (or unreachable) Redis counts as a miss and the request goes to
    /// the backend. Default 250 ms.
    /// </summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a gateway trusts the stage generations it read from Redis. A flush made through another replica is
    /// seen here within this interval (plus one round trip); the replica that flushed sees it at once. Default 1 s.
    /// </summary>
    public TimeSpan GenerationRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a request that misses waits for another request of this process already fetching the same key,
    /// before it goes to the backend itself. Default 10 s.
    /// </summary>
    public TimeSpan CoalescingTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
