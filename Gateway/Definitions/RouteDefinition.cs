using Platform.Gateway.Routing;

namespace Platform.Gateway.Definitions;

/// <summary>A route: a route key (<c>GET /users/{userId}</c>, <c>ANY /{proxy+}</c>, <c>$default</c>) and its integration.</summary>
public sealed record RouteDefinition
{
    public required RouteKey Key { get; init; }

    /// <summary>The name of an integration of the same API.</summary>
    public required string Integration { get; init; }
}
