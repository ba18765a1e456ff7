using Platform.Definitions.Stages;

namespace Platform.Definitions;

/// <summary>A stage: its variables, its access-log settings, its route settings (throttling, caching) and its cache.</summary>
public sealed record StageDefinition
{
    /// <summary>The stage name; <c>$default</c> is served without a path prefix.</summary>
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The access-log <c>$context</c> template; null writes no access log for the stage.</summary>
    public string? AccessLogFormat { get; init; }

    /// <summary>Whether the stage has a response cache (<c>cacheClusterEnabled</c>); routes opt in or out through their settings.</summary>
    public bool CacheClusterEnabled { get; init; }

    /// <summary><c>defaultRouteSettings</c>: throttling and caching for every route of the stage.</summary>
    public RouteSettings DefaultRouteSettings { get; init; } = Stages.RouteSettings.None;

    /// <summary><c>routeSettings</c> by route key text (<c>GET /pets</c>), each overriding <see cref="DefaultRouteSettings"/> property by property.</summary>
    public IReadOnlyDictionary<string, RouteSettings> RouteSettings { get; init; } = new Dictionary<string, Stages.RouteSettings>(StringComparer.Ordinal);

    /// <summary>The settings that apply to a route of this stage: the route's own over the stage defaults.</summary>
    public RouteSettings SettingsFor(string routeKey) =>
        DefaultRouteSettings.OverriddenBy(RouteSettings.TryGetValue(routeKey, out var own) ? own : null);
    /// <summary>The web ACL (<see cref="GatewayDefinition.WebAcls"/>) inspecting every request of the stage; null for none.</summary>
    public string? WebAcl { get; init; }

    public const string DefaultStageName = "$default";

    public bool IsDefault => Name == DefaultStageName;
}
