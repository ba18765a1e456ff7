using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.ServiceDefaults.Tokens;

namespace Platform.Gateway.Authorization.Jwt;

internal static class JwtAuthorizerExtensions
{
    /// <summary>
    /// Registers the JWT authorizer and what it needs: the shared <see cref="JwtValidator"/> (its key and token
    /// caches serve every API and reload) with its own HTTP pool for discovery, never the integrations' client.
    /// </summary>
    public static IServiceCollection AddJwtAuthorizer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddJwtValidation();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRouteAuthorizer, JwtAuthorizer>());
        return services;
    }
}
