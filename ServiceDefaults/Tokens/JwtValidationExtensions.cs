using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Discovery;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>Opt-in registration of <see cref="JwtValidator"/>: only processes that accept bearer tokens need it.</summary>
public static class JwtValidationExtensions
{
    /// <summary>
    /// Registers <see cref="JwtValidator"/> (one per process: its key and token caches are shared by every caller),
    /// <see cref="JwtValidatorOptions"/> (from <see cref="JwtValidatorOptions.SectionName"/>, then
    /// <paramref name="configure"/>; validated at startup), service discovery (issuers such as <c>http://identity</c> are service names)
    /// and <see cref="TimeProvider.System"/> unless a clock is registered already.
    /// </summary>
    public static IServiceCollection AddJwtValidation(this IServiceCollection services, Action<JwtValidatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<JwtValidatorOptions>().BindConfiguration(JwtValidatorOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtValidatorOptions>, JwtValidatorOptionsValidator>());
        services.AddServiceDiscovery();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JwtValidator>();
        return services;
    }
}
