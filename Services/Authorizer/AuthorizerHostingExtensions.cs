using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using System.Text.Json;
using Platform.Authorizer.Functions;
using Platform.Functions;
using Platform.ServiceDefaults.Tokens;

namespace Platform.Authorizer;

/// <summary>Composition of the Authorizer service: <see cref="AddAuthorizer"/> for services, <see cref="MapAuthorizerFunctions"/> for the function.</summary>
internal static class AuthorizerHostingExtensions
{
    /// <summary>Registers the function host, <see cref="AuthorizerOptions"/> (validated at start), the shared JWT validator and the function.</summary>
    public static IHostApplicationBuilder AddAuthorizer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddFunctions();
        builder.Services.AddOptions<AuthorizerOptions>()
            .Bind(builder.Configuration.GetSection(AuthorizerOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthorizerOptions>, AuthorizerOptionsValidator>());
        builder.Services.AddJwtValidation();
        builder.Services.TryAddSingleton<AuthorizeFunction>();
        return builder;
    }

    /// <summary>Maps <c>authorize</c>: any authorizer event in (raw JSON: payload 1.0, 2.0, TOKEN or WebSocket), its answer out.</summary>
    public static IEndpointRouteBuilder MapAuthorizerFunctions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Resolved here, not per request: a bad Authorizer section fails while the app is built, before it listens.
        var authorize = endpoints.ServiceProvider.GetRequiredService<AuthorizeFunction>();
        return endpoints.MapFunction<JsonElement, JsonElement>(AuthorizeFunction.Name, authorize.HandleAsync);
    }
}
