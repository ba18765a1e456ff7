using Platform.Definitions.Authorization;
using Platform.Definitions.Routing;
using Platform.Definitions.Stages;

namespace Platform.Definitions;

/// <summary>A route: a route key (<c>GET /users/{userId}</c>, <c>ANY /{proxy+}</c>, <c>$default</c>) and its integration.</summary>
public sealed record RouteDefinition
{
    public required RouteKey Key { get; init; }

    /// <summary>The name of an integration of the same API.</summary>
    public required string Integration { get; init; }

    /// <summary>WebSocket APIs: <c>$default</c> when the integration's response is sent back to the client.</summary>
    public string? RouteResponseSelectionExpression { get; init; }

    /// <summary>How callers are authorized; <see cref="AuthorizationType.None"/> by default.</summary>
    public AuthorizationType AuthorizationType { get; init; }

    /// <summary>The API's authorizer (by name) for <c>JWT</c> and <c>CUSTOM</c> routes.</summary>
    public string? AuthorizerId { get; init; }

    /// <summary>JWT routes: the token needs at least one of these scopes (<c>scope</c> or <c>scp</c>); empty → any token.</summary>
    public IReadOnlyList<string> AuthorizationScopes { get; init; } = [];

    /// <summary>True when callers need an API key of a usage plan bound to the stage.</summary>
    public bool ApiKeyRequired { get; init; }

    /// <summary>The request parameters that split the route's cache (<c>cacheKeyParameters</c>), in declaration order.</summary>
    public IReadOnlyList<CacheKeyParameter> CacheKeyParameters { get; init; } = [];

    /// <summary>The request validator (by name) that checks this route's requests; null: none.</summary>
    public string? RequestValidatorId { get; init; }

    /// <summary>Body models by content type (<c>application/json</c>, or <c>$default</c> for any other), media types case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> RequestModels { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Declared request parameters, in declaration order; the required ones are checked by a parameters validator.</summary>
    public IReadOnlyList<Validation.RequestParameterDefinition> RequestParameters { get; init; } = [];

    /// <summary>True when the route answers each message with its integration's response (a two-way route).</summary>
    public bool HasRouteResponse => RouteResponseSelectionExpression is not null;
}
