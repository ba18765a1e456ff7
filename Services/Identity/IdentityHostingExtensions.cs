using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Identity.Discovery;
using Platform.Identity.Keys;
using Platform.Identity.Tokens;

namespace Platform.Identity;

/// <summary>Composition of the Identity service: <see cref="AddIdentity"/> for services, <see cref="MapIdentity"/> for the endpoints.</summary>
internal static class IdentityHostingExtensions
{
    /// <summary>Registers the clock, the <see cref="IdentityOptions"/> (validated at start), clients, keys, metrics and the token endpoint.</summary>
    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<IdentityOptions>()
            .Bind(builder.Configuration.GetSection(IdentityOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>());
        builder.Services.TryAddSingleton(services => new ClientRegistry(services.GetRequiredService<IOptions<IdentityOptions>>().Value));
        builder.Services.TryAddSingleton(services => new SigningKeyRing(
            services.GetRequiredService<IOptions<IdentityOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<SigningKeyRing>>()));
        builder.Services.TryAddSingleton<IdentityMetrics>();
        builder.Services.TryAddSingleton<TokenEndpoint>();
        return builder;
    }

    /// <summary>Maps the discovery document, the JWKS and the token endpoint.</summary>
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet(IssuerUrls.DiscoveryPath, DiscoveryEndpoints.Document);
        endpoints.MapGet(IssuerUrls.JwksPath, DiscoveryEndpoints.Jwks);
        // Resolved here, not per request: this reads the options, so a bad Identity section fails while the app is
        // built, with the validator's message, before anything listens.
        var tokens = endpoints.ServiceProvider.GetRequiredService<TokenEndpoint>();
        endpoints.MapPost(IssuerUrls.TokenPath, tokens.HandleAsync);
        return endpoints;
    }
}
