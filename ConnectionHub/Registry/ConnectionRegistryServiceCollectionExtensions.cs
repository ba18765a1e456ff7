using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Redis;

namespace Platform.ConnectionHub.Registry;

/// <summary>Composition of the connection registry.</summary>
public static class ConnectionRegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConnectionRegistry"/>: <see cref="RedisConnectionRegistry"/> on the process's Redis
    /// connection, or <see cref="InMemoryConnectionRegistry"/> in embedded mode (<see cref="PlatformRedis.IsEmbedded"/>),
    /// decided once when it is first resolved. Options come from <see cref="ConnectionRegistryOptions.SectionName"/>
    /// and are validated at startup. The hub starts the registry with its sink; the container disposes it.
    /// </summary>
    public static IServiceCollection AddConnectionRegistry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<ConnectionRegistryOptions>()
            .BindConfiguration(ConnectionRegistryOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectionRegistryOptions>, ConnectionRegistryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // Normally registered by AddServiceDefaults; added here too so the registry composes on its own.
        services.TryAddSingleton<PlatformRedis>();
        services.TryAddSingleton<IConnectionRegistry>(provider =>
        {
            var redis = provider.GetRequiredService<PlatformRedis>();
            if (redis.IsEmbedded)
            {
                return new InMemoryConnectionRegistry();
            }

            return new RedisConnectionRegistry(
                redis.Connection,
                provider.GetRequiredService<IOptions<ConnectionRegistryOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<RedisConnectionRegistry>>());
        });
        return services;
    }
}
