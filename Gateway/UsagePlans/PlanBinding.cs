using System.Collections.Frozen;
using Platform.Definitions.Routing;
using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// An API key's usage plan on one API stage: the plan (throttle, quota) and the stage's per-route throttle
/// overrides, by route key. Overrides may be written as route keys (<c>GET /pets/{id}</c>) or REST-style
/// (<c>/pets/{id}/GET</c>); both are matched against the route's key.
/// </summary>
internal sealed class PlanBinding
{
    public PlanBinding(UsagePlanDefinition plan, UsagePlanApiStage apiStage)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(apiStage);
        Plan = plan;
        ApiStage = apiStage;
        var routes = new Dictionary<string, RouteThrottle>(StringComparer.Ordinal);
        foreach (var (written, settings) in apiStage.Throttle)
        {
            var routeKey = NormalizeRouteKey(written);
            var bucket = string.Join(':', RedisUsagePlanKeys.Escape(apiStage.Api), RedisUsagePlanKeys.Escape(apiStage.Stage), RedisUsagePlanKeys.Escape(routeKey));
            routes.TryAdd(routeKey, new RouteThrottle(bucket, settings));
        }

        _routes = routes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private readonly FrozenDictionary<string, RouteThrottle> _routes;

    public UsagePlanDefinition Plan { get; }

    public UsagePlanApiStage ApiStage { get; }

    /// <summary>The override for the route with key text <paramref name="routeKey"/>; null when the plan's throttle alone applies.</summary>
    public RouteThrottle? RouteThrottleFor(string routeKey) =>
        _routes.Count > 0 && _routes.TryGetValue(routeKey, out var route) ? route : null;

    /// <summary><c>/pets/{id}/GET</c> (REST's method path, as AWS's usage plans write it) → <c>GET /pets/{id}</c>; anything else as written.</summary>
    public static string NormalizeRouteKey(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var slash = written.LastIndexOf('/');
        if (written.StartsWith('/') && slash > 0 && slash < written.Length - 1)
        {
            var method = written[(slash + 1)..];
            var path = written[..slash];
            if (RouteKey.TryParse(method.ToUpperInvariant() + " " + path, out var key, out _))
            {
                return key.Text;
            }
        }

        return written;
    }
}
