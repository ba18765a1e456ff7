using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Definitions;

/// <summary>Registers API definition loading, validation and hot reload.</summary>
public static class ApiDefinitionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TTarget"/> (the runtime state that compiles each version) and
    /// <see cref="DefinitionMonitor"/>, a hosted service that loads <c>Gateway:Definitions</c> before the server
    /// starts and reloads on change. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddApiDefinitions<TTarget>(this IServiceCollection services)
        where TTarget : class, IDefinitionTarget
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TTarget>();
        services.TryAddSingleton<IDefinitionTarget>(static provider => provider.GetRequiredService<TTarget>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<DefinitionMonitorOptions>();
        services.TryAddSingleton<DefinitionMonitor>();
        services.AddHostedService(static provider => provider.GetRequiredService<DefinitionMonitor>());
        return services;
    }
}
