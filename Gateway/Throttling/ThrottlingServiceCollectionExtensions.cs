using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Redis;

namespace Platform.Gateway.Throttling;

/// <summary>Composition of throttling.</summary>
public static class ThrottlingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ThrottlingOptions"/> (section <see cref="ThrottlingOptions.SectionName"/>, validated at start),
    /// the bucket store — Redis when <c>ConnectionStrings:redis</c> is set, else in memory (embedded mode) — its
    /// telemetry and the stage the pipeline calls.
    /// </summary>
    public static IHostApplicationBuilder AddThrottling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ThrottlingOptions>()
            .Bind(builder.Configuration.GetSection(ThrottlingOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ThrottlingOptions>, ThrottlingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ThrottlingTelemetry>();
        services.TryAddSingleton<IThrottleStore>(static s => s.GetRequiredService<PlatformRedis>().IsEmbedded
            ? new InMemoryThrottleStore(s.GetRequiredService<TimeProvider>())
            : ActivatorUtilities.CreateInstance<RedisThrottleStore>(s));
        services.TryAddSingleton<Throttler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Hosting.RedisStoreWarmup>());
        return builder;
    }
}
