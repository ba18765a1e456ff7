using System.Collections.Frozen;
using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// An API key's usage plan on one API stage: the plan (throttle, quota) and the stage's per-route throttle
/// overrides by route key text (<c>GET /partner/{proxy+}</c>, <c>$connect</c>), which the loader checks against
/// the API's routes.
/// </summary>
internal sealed class PlanBinding
{
    private readonly FrozenDictionary<string, RouteThrottle> _routes;

    public PlanBinding(UsagePlanDefinition plan, UsagePlanApiStage apiStage)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(apiStage);
        Plan = plan;
        ApiStage = apiStage;
        _routes = apiStage.Throttle.ToFrozenDictionary(
            static p => p.Key,
            p => new RouteThrottle(
                string.Join(':', RedisUsagePlanKeys.Escape(apiStage.Api), RedisUsagePlanKeys.Escape(apiStage.Stage), RedisUsagePlanKeys.Escape(p.Key)),
                p.Value),
            StringComparer.Ordinal);
    }

    public UsagePlanDefinition Plan { get; }

    public UsagePlanApiStage ApiStage { get; }

    /// <summary>The override for the route with key text <paramref name="routeKey"/>; null when the plan's throttle alone applies.</summary>
    public RouteThrottle? RouteThrottleFor(string routeKey) =>
        _routes.Count > 0 && _routes.TryGetValue(routeKey, out var route) ? route : null;
}
