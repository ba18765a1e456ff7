using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.ServiceDefaults.Resilience;

internal static class ResilienceRegistration
{
    public static IServiceCollection AddHttpClientResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpClientResilienceOptions>()
            .Bind(configuration.GetSection(HttpClientResilienceOptions.SectionName))
            .Validate(o => o.TotalTimeout > TimeSpan.Zero && o.AttemptTimeout > TimeSpan.Zero && o.MaxRetryAttempts >= 0,
                $"{HttpClientResilienceOptions.SectionName}: timeouts must be positive and MaxRetryAttempts not negative.")
            .ValidateOnStart();
        services.TryAddTransient<ResilienceHandler>();
        return services;
    }
}
