using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Platform.Gateway.Caching;

/// <summary>
/// Cached responses in Redis, shared by every gateway replica on it. An entry is one string key,
/// <c>{prefix}{api}/{stage}/{generation}/{key text}</c>, holding the <see cref="CachedResponse.Frame"/> with Redis' own
/// expiry (SET with EX); a hit is one GET. A flush is one INCR of <c>{prefix}{api}/{stage}/generation</c>: no KEYS or
/// SCAN, the stage's older entries are simply never read again and expire on their own.
/// </summary>
/// <remarks>
/// Generations are read from Redis at most once per <see cref="ResponseCacheOptions.GenerationRefreshInterval"/> per
/// stage (concurrent readers share the one call); in between, lookups use the value this process knows. A flush made
/// through this gateway is seen at once; one made through another replica is seen here within that interval plus one
/// round trip — the staleness bound across replicas. Every call is bounded by
/// <see cref="ResponseCacheOptions.StoreTimeout"/> (StackExchange.Redis 1.2 has no timeout of its own for
/// asynchronous calls) and fails with <see cref="ResponseCacheStoreException"/>, which the cache treats as a miss.
/// </remarks>
internal sealed class RedisResponseCacheStore : IResponseCacheStore
{
    private readonly PlatformRedis _redis;
    private readonly string _prefix;
    private readonly TimeSpan _timeout;
    private readonly long _refreshTicks;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Api, string Stage), Generation> _generations = new();
    private readonly Lock _connecting = new();
    private Task<IDatabase>? _database;
    private IDatabase? _connected;

    public RedisResponseCacheStore(PlatformRedis redis, IOptions<ResponseCacheOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _redis = redis;
        _prefix = options.Value.KeyPrefix;
        _timeout = options.Value.StoreTimeout;
        _refreshTicks = options.Value.GenerationRefreshInterval.Ticks;
        _time = time;
    }

    public string Name => "redis";

    /// <summary>The Redis key of an entry.</summary>
    public string EntryKey(CacheKey key, long generation) =>
        string.Concat(_prefix, key.Api, "/", key.Stage, "/", generation.ToString(CultureInfo.InvariantCulture), "/", key.Text);

    /// <summary>The Redis key of a stage's generation counter.</summary>
    public string GenerationKey(string api, string stage) => string.Concat(_prefix, api, "/", stage, "/generation");

    public ValueTask<long> GenerationAsync(string api, string stage)
    {
        var generation = _generations.GetOrAdd((api, stage), static _ => new Generation());
        return generation.IsFresh(_time.GetUtcNow().UtcTicks, _refreshTicks, out var value)
            ? new(value)
            : new(Refresh(api, stage, generation));
    }

    public async ValueTask<CachedResponse?> GetAsync(CacheKey key, long generation)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var value = await BoundedAsync(database.StringGetAsync(EntryKey(key, generation)), "GET").ConfigureAwait(false);
        if (value.IsNull)
        {
            return null;
        }

        return CachedResponse.Parse((byte[])value!)
            ?? throw new ResponseCacheStoreException("an entry in Redis is not a cached response this gateway can read; it will be replaced");
    }

    public async ValueTask SetAsync(CacheKey key, long generation, CachedResponse response, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(response);
        var database = await DatabaseAsync().ConfigureAwait(false);
        await BoundedAsync(database.StringSetAsync(EntryKey(key, generation), response.Frame, ttl), "SET").ConfigureAwait(false);
    }

    public async ValueTask<long> FlushAsync(string api, string stage)
    {
        var started = _time.GetUtcNow().UtcTicks;
        var database = await DatabaseAsync().ConfigureAwait(false);
        var value = await BoundedAsync(database.StringIncrementAsync(GenerationKey(api, stage)), "INCR").ConfigureAwait(false);
        return _generations.GetOrAdd((api, stage), static _ => new Generation()).Observe(value, started);
    }

    /// <summary>Connects ahead of the first request (see <see cref="ResponseCacheWarmup"/>).</summary>
    public async Task PrepareAsync() => await ConnectAsync(bounded: false).ConfigureAwait(false);

    private Task<long> Refresh(string api, string stage, Generation generation)
    {
        lock (generation.Refreshing)
        {
            if (generation.Pending is { IsCompleted: false } pending)
            {
                return pending;
            }

            return generation.Pending = ReadAsync(api, stage, generation);
        }
    }

    private async Task<long> ReadAsync(string api, string stage, Generation generation)
    {
        var started = _time.GetUtcNow().UtcTicks;
        var database = await DatabaseAsync().ConfigureAwait(false);
        var value = await BoundedAsync(database.StringGetAsync(GenerationKey(api, stage)), "GET").ConfigureAwait(false);
        return generation.Observe(value.IsNull ? 0 : (long)value, started);
    }

    /// <summary>
    /// The database, connecting on a pool thread the first time: the multiplexer connects synchronously, and
    /// concurrent first callers must share one wait rather than each block a thread. A failed connect is retried.
    /// </summary>
    private ValueTask<IDatabase> DatabaseAsync() =>
        Volatile.Read(ref _connected) is { } connected ? new(connected) : new(ConnectAsync(bounded: true));

    /// <summary>
    /// Waits for the shared connect and remembers the database, so later calls skip the task. Requests wait at most
    /// the store timeout (<paramref name="bounded"/>); the warm-up waits as long as the client's own connect timeout.
    /// </summary>
    private async Task<IDatabase> ConnectAsync(bool bounded)
    {
        var connecting = Connecting();
        var database = await BoundedAsync(connecting, "connect", bounded ? _timeout : Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        Volatile.Write(ref _connected, database);
        return database;
    }

    /// <summary>The connect every caller shares, run on a pool thread (the multiplexer connects synchronously); a failed connect is retried.</summary>
    private Task<IDatabase> Connecting()
    {
        lock (_connecting)
        {
            if (_database is null || _database.IsFaulted || _database.IsCanceled)
            {
                _database = Task.Run(_redis.GetDatabase);
            }

            return _database;
        }
    }

    private Task<T> BoundedAsync<T>(Task<T> call, string operation) => BoundedAsync(call, operation, _timeout);

    private async Task<T> BoundedAsync<T>(Task<T> call, string operation, TimeSpan timeout)
    {
        try
        {
            return await call.WaitAsync(timeout, _time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw new ResponseCacheStoreException($"Redis {operation} failed: {ex.Message}", ex);
        }
    }

    /// <summary>What this process knows of a stage's generation, and since when. Generations only grow.</summary>
    private sealed class Generation
    {
        // Swapped whole, so the hit path reads both numbers with one volatile read and no lock.
        private Known _known = new(0, long.MinValue);

        public Lock Refreshing { get; } = new();

        public Task<long>? Pending { get; set; }

        public bool IsFresh(long now, long intervalTicks, out long value)
        {
            var known = Volatile.Read(ref _known);
            value = known.Value;
            return known.ReadAt != long.MinValue && now - known.ReadAt < intervalTicks;
        }

        /// <summary>Records <paramref name="value"/>, read by a call that started at <paramref name="startedAt"/>; returns the newest known.</summary>
        public long Observe(long value, long startedAt)
        {
            while (true)
            {
                var known = Volatile.Read(ref _known);
                if (value < known.Value)
                {
                    return known.Value;
                }

                var next = new Known(value, Math.Max(known.ReadAt, startedAt));
                if (ReferenceEquals(Interlocked.CompareExchange(ref _known, next, known), known))
                {
                    return value;
                }
            }
        }

        private sealed class Known(long value, long readAt)
        {
            public long Value { get; } = value;

            public long ReadAt { get; } = readAt;
        }
    }
}
