using Platform.Definitions.Authorization;
using Platform.Definitions.Policies;
using Platform.Definitions.Responses;
using Platform.Definitions.Routing;

namespace Platform.Definitions;

/// <summary>One API: its routes, the integrations they use, its stages and its customised gateway responses.</summary>
public sealed record ApiDefinition
{
    /// <summary>The API's name, also its id in events (<c>requestContext.apiId</c>) and in execute-api host names.</summary>
    public required string Name { get; init; }

    public required ApiProtocol Protocol { get; init; }

    /// <summary>The file the API was declared in, for error messages and logs.</summary>
    public string Source { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>Routes in declaration order; the route table decides priority, not this order.</summary>
    public IReadOnlyList<RouteDefinition> Routes { get; init; } = [];

    /// <summary>Integrations by name (ordinal).</summary>
    public IReadOnlyDictionary<string, IntegrationDefinition> Integrations { get; init; } =
        new Dictionary<string, IntegrationDefinition>(StringComparer.Ordinal);

    /// <summary>Stages by name (ordinal); <c>$default</c> is served from the root without a path prefix.</summary>
    public IReadOnlyDictionary<string, StageDefinition> Stages { get; init; } =
        new Dictionary<string, StageDefinition>(StringComparer.Ordinal);

    /// <summary>WebSocket APIs: how a message chooses its route; null for HTTP and REST APIs.</summary>
    public RouteSelectionExpression? RouteSelectionExpression { get; init; }

    /// <summary>WebSocket APIs: the connection limits (AWS's unless the file sets them).</summary>
    public WebSocketSettings WebSocket { get; init; } = WebSocketSettings.Default;

    /// <summary>Customised gateway responses; types not listed keep AWS's defaults.</summary>
    public IReadOnlyDictionary<GatewayResponseType, GatewayResponseDefinition> GatewayResponses { get; init; } =
        new Dictionary<GatewayResponseType, GatewayResponseDefinition>();

    /// <summary>Authorizers by name (ordinal), referenced by routes' <c>authorizerId</c>.</summary>
    public IReadOnlyDictionary<string, AuthorizerDefinition> Authorizers { get; init; } =
        new Dictionary<string, AuthorizerDefinition>(StringComparer.Ordinal);

    /// <summary>Where API keys come from: the <c>x-api-key</c> header (default) or a Lambda authorizer's <c>usageIdentifierKey</c>.</summary>
    public ApiKeySource ApiKeySource { get; init; }

    /// <summary>The API's resource policy; null allows everything the routes allow.</summary>
    public ResourcePolicyDefinition? Policy { get; init; }

    /// <summary>Models (JSON Schemas) by name (ordinal), referenced by routes' <c>requestModels</c>.</summary>
    public IReadOnlyDictionary<string, Validation.ModelDefinition> Models { get; init; } =
        new Dictionary<string, Validation.ModelDefinition>(StringComparer.Ordinal);

    /// <summary>Request validators by name (ordinal), referenced by routes' <c>requestValidatorId</c>.</summary>
    public IReadOnlyDictionary<string, Validation.RequestValidatorDefinition> RequestValidators { get; init; } =
        new Dictionary<string, Validation.RequestValidatorDefinition>(StringComparer.Ordinal);

    /// <summary>CORS handled by the gateway (preflights answered, headers set); null leaves CORS to the backends.</summary>
    public Cors.CorsConfiguration? Cors { get; init; }
}
