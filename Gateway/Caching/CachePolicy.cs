using System.Diagnostics;
using Platform.Definitions.Stages;

namespace Platform.Gateway.Caching;

/// <summary>
/// How one route of one stage is cached, compiled once per definition snapshot from the stage's route settings
/// (the route's own over <c>defaultRouteSettings</c>) and the route's <c>cacheKeyParameters</c>.
/// </summary>
internal sealed class CachePolicy
{
    public required string Api { get; init; }

    public required string Stage { get; init; }

    /// <summary>The route key, for metrics and logs.</summary>
    public required string Route { get; init; }

    public required TimeSpan Ttl { get; init; }

    /// <summary>True when <c>cachingEnabled</c> is set: every method of the route is cached (HEAD excepted); else GET only.</summary>
    public required bool AllMethods { get; init; }

    /// <summary>The parameters that split the cache, in the order the route lists them.</summary>
    public required IReadOnlyList<CacheKeyParameter> Parameters { get; init; }

    /// <summary>Whether <c>Cache-Control: max-age=0</c> needs the InvalidateCache permission.</summary>
    public required bool RequireAuthorization { get; init; }

    public required UnauthorizedCacheControlHeaderStrategy UnauthorizedStrategy { get; init; }

    /// <summary>The integration statuses stored; null for every 2xx.</summary>
    public required IReadOnlySet<int>? CacheableStatusCodes { get; init; }

    /// <summary>The metric tags (api, stage, route), built once.</summary>
    public required TagList Tags { get; init; }

    public bool IsCacheable(int status) => CacheableStatusCodes?.Contains(status) ?? status is >= 200 and < 300;
}
