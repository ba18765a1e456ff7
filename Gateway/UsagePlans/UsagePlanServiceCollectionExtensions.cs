using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Redis;

namespace Platform.Gateway.UsagePlans;

/// <summary>Composition of API keys, usage plans and the usage report.</summary>
public static class UsagePlanServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="UsagePlanOptions"/> (section <see cref="UsagePlanOptions.SectionName"/>, validated at start), the store —
    /// Redis when <c>ConnectionStrings:redis</c> is set, else in memory (embedded mode) — the enforcer the access
    /// control stage calls, its telemetry, the usage report endpoint's handler, its telemetry and the usage report endpoint's handler.
    /// </summary>
    public static IHostApplicationBuilder AddUsagePlans(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<UsagePlanOptions>()
            .Bind(builder.Configuration.GetSection(UsagePlanOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UsagePlanOptions>, UsagePlanOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryUsagePlanStore>();
        services.TryAddSingleton<RedisUsagePlanStore>();
        services.TryAddSingleton<IUsagePlanStore>(static s => s.GetRequiredService<PlatformRedis>().IsEmbedded
            ? s.GetRequiredService<InMemoryUsagePlanStore>()
            : s.GetRequiredService<RedisUsagePlanStore>());
        services.TryAddSingleton<UsagePlanTelemetry>();
        services.TryAddSingleton<UsagePlanEnforcer>();
        services.TryAddSingleton<UsageReportEndpoint>();
        return builder;
    }
}
