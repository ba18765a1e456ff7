using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Gateway.Runtime;

namespace Platform.Gateway.Definitions;

/// <summary>Registers API definition loading, validation and hot reload.</summary>
public static class GatewayDefinitionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GatewayState"/> and <see cref="DefinitionMonitor"/> (a hosted service that loads
    /// <c>Gateway:Definitions</c> before the server starts and reloads on change). Safe to call twice.
    /// </summary>
    public static IServiceCollection AddGatewayDefinitions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<GatewayState>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<DefinitionMonitorOptions>();
        services.TryAddSingleton<DefinitionMonitor>();
        services.AddHostedService(static provider => provider.GetRequiredService<DefinitionMonitor>());
        return services;
    }
}
