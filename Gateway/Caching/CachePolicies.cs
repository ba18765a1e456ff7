using System.Runtime.CompilerServices;
using Platform.Definitions;
using Platform.Definitions.Stages;

namespace Platform.Gateway.Caching;

/// <summary>
/// The cache policy of each route of a stage (AWS-REFERENCE §6): a route is cached when its stage has
/// <c>cacheClusterEnabled</c>, its <c>cacheTtlInSeconds</c> (default 300) is above 0, and its <c>cachingEnabled</c>
/// says so — unset means GET requests only. Compiled on first use per stage instance: definitions are immutable and
/// replaced whole on reload, so the weak table never goes stale and lets old snapshots go.
/// </summary>
internal static class CachePolicies
{
    private static readonly ConditionalWeakTable<StageDefinition, Dictionary<RouteDefinition, CachePolicy>> Compiled = [];

    /// <summary>The policy of <paramref name="route"/> on <paramref name="stage"/>; null when the route is not cached there.</summary>
    public static CachePolicy? For(ApiDefinition api, StageDefinition stage, RouteDefinition route)
    {
        if (!stage.CacheClusterEnabled)
        {
            return null;
        }

        if (!Compiled.TryGetValue(stage, out var routes))
        {
            routes = CompileOnce(api, stage);
        }

        return routes.GetValueOrDefault(route);
    }

    // Apart from For so that its closure is allocated on first use only, not on every lookup.
    private static Dictionary<RouteDefinition, CachePolicy> CompileOnce(ApiDefinition api, StageDefinition stage) =>
        Compiled.GetValue(stage, s => Compile(api, s));

    private static Dictionary<RouteDefinition, CachePolicy> Compile(ApiDefinition api, StageDefinition stage)
    {
        // Routes compare by reference: records compare by value, which would hash every property per request.
        var policies = new Dictionary<RouteDefinition, CachePolicy>(ReferenceEqualityComparer.Instance);
        foreach (var route in api.Routes)
        {
            var settings = stage.SettingsFor(route.Key.Text);
            var ttl = settings.CacheTtlInSeconds ?? RouteSettings.DefaultCacheTtlInSeconds;
            if (ttl <= 0 || settings.CachingEnabled == false)
            {
                continue;
            }

            policies[route] = new CachePolicy
            {
                Api = api.Name,
                Stage = stage.Name,
                Route = route.Key.Text,
                Ttl = TimeSpan.FromSeconds(ttl),
                AllMethods = settings.CachingEnabled == true,
                Parameters = route.CacheKeyParameters,
                RequireAuthorization = settings.RequireAuthorizationForCacheControl ?? true,
                UnauthorizedStrategy = settings.UnauthorizedCacheControlHeaderStrategy ?? UnauthorizedCacheControlHeaderStrategy.SucceedWithResponseHeader,
                CacheableStatusCodes = settings.CacheableStatusCodes?.ToHashSet(),
                Tags = new() { { "api", api.Name }, { "stage", stage.Name }, { "route", route.Key.Text } },
            };
        }

        return policies;
    }
}
