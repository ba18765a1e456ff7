using Platform.Definitions;
using Platform.Definitions.Routing;

namespace Platform.ConnectionHub.Runtime;

/// <summary>A WebSocket API compiled for serving: its routes by key, its integrations and limits.</summary>
public sealed class HubApi
{
    private readonly Dictionary<string, RouteDefinition> _routes;

    public HubApi(ApiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        _routes = definition.Routes.ToDictionary(static r => r.Key.Text, StringComparer.Ordinal);
        Connect = Find(RouteKey.ConnectKey);
        Disconnect = Find(RouteKey.DisconnectKey);
        Default = Find(RouteKey.DefaultKey);
    }

    public ApiDefinition Definition { get; }

    public string Name => Definition.Name;

    public WebSocketSettings Settings => Definition.WebSocket;

    public RouteDefinition? Connect { get; }

    public RouteDefinition? Disconnect { get; }

    public RouteDefinition? Default { get; }

    /// <summary>The custom route with this exact key, else <c>$default</c>, else null (AWS answers an error frame).</summary>
    public RouteDefinition? Select(string? routeKey) =>
        routeKey is not null && !routeKey.StartsWith('$') && _routes.TryGetValue(routeKey, out var route) ? route : Default;

    public IntegrationDefinition IntegrationOf(RouteDefinition route) => Definition.Integrations[route.Integration];

    private RouteDefinition? Find(string key) => _routes.GetValueOrDefault(key);
}
