namespace Platform.Definitions.Stages;

/// <summary>
/// A stage's per-route settings: <c>defaultRouteSettings</c> for every route of the stage, overridden property by
/// property by <c>routeSettings["GET /pets"]</c> (AWS-REFERENCE §4, §6). Unset properties are null.
/// </summary>
public sealed record RouteSettings
{
    public static RouteSettings None { get; } = new();

    /// <summary>Steady requests per second of the route's token bucket; with <see cref="ThrottlingBurstLimit"/>, both or neither.</summary>
    public double? ThrottlingRateLimit { get; init; }

    /// <summary>The route's token bucket capacity.</summary>
    public int? ThrottlingBurstLimit { get; init; }

    /// <summary>Whether responses are cached (needs the stage's <c>cacheClusterEnabled</c>); unset → GET routes only.</summary>
    public bool? CachingEnabled { get; init; }

    /// <summary>Seconds a cached response lives: 0 to 3600, default 300; 0 disables caching.</summary>
    public int? CacheTtlInSeconds { get; init; }

    /// <summary>Whether a client's <c>Cache-Control: max-age=0</c> needs the InvalidateCache permission (default true).</summary>
    public bool? RequireAuthorizationForCacheControl { get; init; }

    /// <summary>What an unauthorized <c>Cache-Control: max-age=0</c> gets (default SUCCEED_WITH_RESPONSE_HEADER).</summary>
    public UnauthorizedCacheControlHeaderStrategy? UnauthorizedCacheControlHeaderStrategy { get; init; }

    /// <summary>
    /// The integration statuses whose responses are cached (<c>cacheableStatusCodes</c>, each 200 to 599); unset →
    /// every 2xx. A list replaces the default: <c>[200, 404]</c> caches 200 and 404, not 201.
    /// </summary>
    public IReadOnlyList<int>? CacheableStatusCodes { get; init; }

    /// <summary>These settings with every property the other sets replaced by the other's value.</summary>
    public RouteSettings OverriddenBy(RouteSettings? other) => other is null ? this : new RouteSettings
    {
        ThrottlingRateLimit = other.ThrottlingRateLimit ?? ThrottlingRateLimit,
        ThrottlingBurstLimit = other.ThrottlingBurstLimit ?? ThrottlingBurstLimit,
        CachingEnabled = other.CachingEnabled ?? CachingEnabled,
        CacheTtlInSeconds = other.CacheTtlInSeconds ?? CacheTtlInSeconds,
        RequireAuthorizationForCacheControl = other.RequireAuthorizationForCacheControl ?? RequireAuthorizationForCacheControl,
        UnauthorizedCacheControlHeaderStrategy = other.UnauthorizedCacheControlHeaderStrategy ?? UnauthorizedCacheControlHeaderStrategy,
        CacheableStatusCodes = other.CacheableStatusCodes ?? CacheableStatusCodes,
    };

    public const int DefaultCacheTtlInSeconds = 300;
    public const int MaxCacheTtlInSeconds = 3600;
}

/// <summary>How the gateway answers a <c>Cache-Control: max-age=0</c> from a caller without the InvalidateCache permission (AWS's names).</summary>
public enum UnauthorizedCacheControlHeaderStrategy
{
    /// <summary>Serve the request (from the cache) and add a warning header.</summary>
    SucceedWithResponseHeader,

    /// <summary>Serve the request (from the cache) silently.</summary>
    SucceedWithoutResponseHeader,

    /// <summary>Refuse with 403.</summary>
    FailWith403,
}
