using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.ServiceDefaults.Redis;

namespace Platform.Gateway.UsagePlans;

/// <summary>Composition of API keys, usage plans and the usage report.</summary>
public static class UsagePlanServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="UsagePlanOptions"/> (section <see cref="UsagePlanOptions.SectionName"/>), the store —
    /// Redis when <c>ConnectionStrings:redis</c> is set, else in memory (embedded mode) — the enforcer the access
    /// control stage calls, its telemetry, the usage report endpoint's handler, and the store's warm-up at start.
    /// </summary>
    public static IHostApplicationBuilder AddUsagePlans(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<UsagePlanOptions>()
            .Bind(builder.Configuration.GetSection(UsagePlanOptions.SectionName))
            .Validate(static o => !string.IsNullOrEmpty(o.KeyPrefix), $"{UsagePlanOptions.SectionName}:KeyPrefix must not be empty.")
            .Validate(static o => o.UsageRetentionDays is >= 1 and <= 3650, $"{UsagePlanOptions.SectionName}:UsageRetentionDays must be between 1 and 3650.")
            .Validate(static o => o.StoreTimeout > TimeSpan.Zero, $"{UsagePlanOptions.SectionName}:StoreTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryUsagePlanStore>();
        services.TryAddSingleton<RedisUsagePlanStore>();
        services.TryAddSingleton<IUsagePlanStore>(static s => s.GetRequiredService<PlatformRedis>().IsEmbedded
            ? s.GetRequiredService<InMemoryUsagePlanStore>()
            : s.GetRequiredService<RedisUsagePlanStore>());
        services.TryAddSingleton<UsagePlanTelemetry>();
        services.TryAddSingleton<UsagePlanEnforcer>();
        services.TryAddSingleton<UsageReportEndpoint>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UsagePlanStoreWarmup>());
        return builder;
    }
}
