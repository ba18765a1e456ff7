using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Redis;

namespace Platform.Gateway.Caching;

/// <summary>Composition of the per-stage response cache.</summary>
public static class ResponseCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ResponseCacheOptions"/> (section <see cref="ResponseCacheOptions.SectionName"/>, validated at
    /// start), the store — Redis when <c>ConnectionStrings:redis</c> is set, else in memory (embedded mode) — the cache
    /// the pipeline calls, its telemetry, the InvalidateCache check, the flush endpoint's handler, and the store's
    /// warm-up at start.
    /// </summary>
    public static IHostApplicationBuilder AddResponseCache(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ResponseCacheOptions>()
            .Bind(builder.Configuration.GetSection(ResponseCacheOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResponseCacheOptions>, ResponseCacheOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryResponseCacheStore>();
        services.TryAddSingleton<RedisResponseCacheStore>();
        services.TryAddSingleton<IResponseCacheStore>(static s => s.GetRequiredService<PlatformRedis>().IsEmbedded
            ? s.GetRequiredService<InMemoryResponseCacheStore>()
            : s.GetRequiredService<RedisResponseCacheStore>());
        services.TryAddSingleton<ResponseCacheTelemetry>();
        services.TryAddSingleton<StoreFailureLog>();
        services.TryAddSingleton<CacheInvalidationAuthorizer>();
        services.TryAddSingleton<ResponseCache>();
        services.TryAddSingleton<FlushStageCacheEndpoint>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ResponseCacheWarmup>());
        return builder;
    }
}
