namespace Platform.Gateway.Caching;

/// <summary>How the response cache served a request: <c>$context.cacheStatus</c> and the <c>X-Cache</c> header.</summary>
internal static class CacheStatus
{
    /// <summary>Served from the cache.</summary>
    public const string Hit = "Hit";

    /// <summary>Served by the integration, and stored if it could be.</summary>
    public const string Miss = "Miss";

    /// <summary>An authorized <c>Cache-Control: max-age=0</c>: served by the integration, and the entry refreshed.</summary>
    public const string Bypass = "Bypass";
}
