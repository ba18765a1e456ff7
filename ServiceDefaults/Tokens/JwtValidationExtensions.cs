using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.ServiceDefaults.Discovery;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>Opt-in registration of <see cref="JwtValidator"/>: only processes that accept bearer tokens need it.</summary>
public static class JwtValidationExtensions
{
    /// <summary>
    /// Registers <see cref="JwtValidator"/> (one per process: its key and token caches are shared by every caller),
    /// <see cref="JwtValidatorOptions"/>, service discovery (issuers such as <c>http://identity</c> are service names)
    /// and <see cref="TimeProvider.System"/> unless a clock is registered already.
    /// </summary>
    public static IServiceCollection AddJwtValidation(this IServiceCollection services, Action<JwtValidatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<JwtValidatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddServiceDiscovery();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JwtValidator>();
        return services;
    }
}
