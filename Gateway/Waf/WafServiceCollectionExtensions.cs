using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Gateway.Waf.Rate;

namespace Platform.Gateway.Waf;

/// <summary>Composition of the WAF stage.</summary>
internal static class WafServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WafOptions"/> (section <see cref="WafOptions.SectionName"/>, validated at start), the inspector
    /// the pipeline calls, its telemetry, the rate-based counters, and their synchronizer (shares counts through Redis
    /// when <c>ConnectionStrings:redis</c> is set; in embedded mode only sweeps idle counters).
    /// </summary>
    public static IHostApplicationBuilder AddWaf(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WafOptions>().Bind(builder.Configuration.GetSection(WafOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WafOptions>, WafOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WafTelemetry>();
        services.TryAddSingleton<WafRateLimiter>();
        services.TryAddSingleton<WafRateSynchronizer>();
        services.AddHostedService(static s => s.GetRequiredService<WafRateSynchronizer>());
        services.TryAddSingleton<WafInspector>();
        return builder;
    }
}
