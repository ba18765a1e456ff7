namespace Platform.Gateway.Caching;

/// <summary>
/// Where cached responses live: Redis, shared by every gateway replica on it, or this process's memory (embedded
/// mode). Every stage has a generation, a number that is part of each of its entries' identity; flushing the stage
/// moves it on, so the stage's older entries are never read again (Redis lets them expire; memory drops them).
/// A caller reads the generation first, then gets or sets under it, so a response fetched before a flush is never
/// stored after it. Failures (Redis away, too slow) throw <see cref="ResponseCacheStoreException"/>.
/// </summary>
internal interface IResponseCacheStore
{
    /// <summary>"memory" or "redis", for spans, metrics and logs.</summary>
    string Name { get; }

    /// <summary>The stage's current generation; usually answered from what this process knows, without a call.</summary>
    ValueTask<long> GenerationAsync(string api, string stage);

    /// <summary>The entry stored under <paramref name="key"/> in <paramref name="generation"/>, if it has not expired.</summary>
    ValueTask<CachedResponse?> GetAsync(CacheKey key, long generation);

    /// <summary>Stores <paramref name="response"/> for <paramref name="ttl"/>, unless <paramref name="generation"/> is no longer current.</summary>
    ValueTask SetAsync(CacheKey key, long generation, CachedResponse response, TimeSpan ttl);

    /// <summary>Forgets every entry of the stage (FlushStageCache) and returns its new generation.</summary>
    ValueTask<long> FlushAsync(string api, string stage);
}
