using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Caching;

/// <summary>
/// Cached responses in this process (embedded mode), bounded by <see cref="ResponseCacheOptions.MemoryLimitBytes"/>:
/// past the limit, expired entries go first, then the least recently used, down to 90% of it (so eviction runs once
/// per tenth of the budget, not on every store). Time is the injected <see cref="TimeProvider"/>'s, so TTLs pass
/// only when a test's clock moves. A flush moves the stage's generation on and drops its entries at once.
/// </summary>
internal sealed class InMemoryResponseCacheStore : IResponseCacheStore
{
    private const double LowWaterMark = 0.9;

    private readonly ConcurrentDictionary<CacheKey, Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Api, string Stage), long> _generations = new();
    private readonly TimeProvider _time;
    private readonly long _limit;
    private readonly Lock _evicting = new();
    private long _bytes;

    public InMemoryResponseCacheStore(IOptions<ResponseCacheOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _limit = options.Value.MemoryLimitBytes;
        _time = time;
    }

    public string Name => "memory";

    /// <summary>Bytes held now, as <see cref="CachedResponse.Size"/> counts them plus the keys.</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    public int Count => _entries.Count;

    public ValueTask<long> GenerationAsync(string api, string stage) => new(_generations.GetValueOrDefault((api, stage)));

    public ValueTask<CachedResponse?> GetAsync(CacheKey key, long generation)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return default;
        }

        var now = _time.GetUtcNow().UtcTicks;
        if (now >= entry.ExpiresAt || entry.Generation < generation)
        {
            Remove(key, entry);
            return default;
        }

        if (entry.Generation != generation)
        {
            return default;
        }

        entry.LastUsed = now;
        return new(entry.Response);
    }

    public ValueTask SetAsync(CacheKey key, long generation, CachedResponse response, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(response);
        var size = response.Size + 2L * (key.Text.Length + key.Api.Length + key.Stage.Length);
        if (size > _limit || generation != _generations.GetValueOrDefault((key.Api, key.Stage)))
        {
            return default;
        }

        var now = _time.GetUtcNow().UtcTicks;
        var entry = new Entry(response, generation, now + ttl.Ticks, size) { LastUsed = now };
        while (true)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                if (_entries.TryUpdate(key, entry, old))
                {
                    Interlocked.Add(ref _bytes, size - old.Size);
                    break;
                }
            }
            else if (_entries.TryAdd(key, entry))
            {
                Interlocked.Add(ref _bytes, size);
                break;
            }
        }

        if (Volatile.Read(ref _bytes) > _limit)
        {
            Evict();
        }

        return default;
    }

    public ValueTask<long> FlushAsync(string api, string stage)
    {
        var generation = _generations.AddOrUpdate((api, stage), 1, static (_, g) => g + 1);
        foreach (var (key, entry) in _entries)
        {
            if (key.Api == api && key.Stage == stage)
            {
                Remove(key, entry);
            }
        }

        return new(generation);
    }

    private void Evict()
    {
        lock (_evicting)
        {
            if (Volatile.Read(ref _bytes) <= _limit)
            {
                return;
            }

            var now = _time.GetUtcNow().UtcTicks;
            var target = (long)(_limit * LowWaterMark);
            foreach (var (key, entry) in _entries)
            {
                if (now >= entry.ExpiresAt)
                {
                    Remove(key, entry);
                }
            }

            if (Volatile.Read(ref _bytes) <= target)
            {
                return;
            }

            var byUse = _entries.ToArray();
            Array.Sort(byUse, static (a, b) => a.Value.LastUsed.CompareTo(b.Value.LastUsed));
            foreach (var (key, entry) in byUse)
            {
                if (Volatile.Read(ref _bytes) <= target)
                {
                    break;
                }

                Remove(key, entry);
            }
        }
    }

    /// <summary>Removes <paramref name="entry"/> if it is still the one stored, and gives its bytes back.</summary>
    private void Remove(CacheKey key, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<CacheKey, Entry>(key, entry)))
        {
            Interlocked.Add(ref _bytes, -entry.Size);
        }
    }

    private sealed class Entry(CachedResponse response, long generation, long expiresAt, long size)
    {
        private long _lastUsed;

        public CachedResponse Response { get; } = response;

        public long Generation { get; } = generation;

        /// <summary>UTC ticks of the injected clock.</summary>
        public long ExpiresAt { get; } = expiresAt;

        public long Size { get; } = size;

        public long LastUsed
        {
            get => Volatile.Read(ref _lastUsed);
            set => Volatile.Write(ref _lastUsed, value);
        }
    }
}
