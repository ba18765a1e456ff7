using Platform.Definitions.Routing;

namespace Platform.Definitions;

/// <summary>A route: a route key (<c>GET /users/{userId}</c>, <c>ANY /{proxy+}</c>, <c>$default</c>) and its integration.</summary>
public sealed record RouteDefinition
{
    public required RouteKey Key { get; init; }

    /// <summary>The name of an integration of the same API.</summary>
    public required string Integration { get; init; }

    /// <summary>WebSocket APIs: <c>$default</c> when the integration's response is sent back to the client.</summary>
    public string? RouteResponseSelectionExpression { get; init; }

    /// <summary>True when the route answers each message with its integration's response (a two-way route).</summary>
    public bool HasRouteResponse => RouteResponseSelectionExpression is not null;
}
