using System.Globalization;
using Platform.Definitions.Drafts;
using Platform.Definitions.Stages;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// A stage's <c>defaultRouteSettings</c> and <c>routeSettings</c> (AWS-REFERENCE §4, §6): every <c>routeSettings</c>
/// key names a route of the API; throttling limits are non-negative, and a route's effective settings (its own over
/// the stage defaults) have both a rate and a burst or neither; <c>cacheTtlInSeconds</c> is 0 to 3600; the strategy
/// is one of AWS's three names; WebSocket APIs have no response cache.
/// </summary>
internal sealed class RouteSettingsRule : IDefinitionRule
{
    public const string FailWith403 = "FAIL_WITH_403";
    public const string SucceedWithResponseHeader = "SUCCEED_WITH_RESPONSE_HEADER";
    public const string SucceedWithoutResponseHeader = "SUCCEED_WITHOUT_RESPONSE_HEADER";

    public static UnauthorizedCacheControlHeaderStrategy? ParseStrategy(string name) => name switch
    {
        FailWith403 => UnauthorizedCacheControlHeaderStrategy.FailWith403,
        SucceedWithResponseHeader => UnauthorizedCacheControlHeaderStrategy.SucceedWithResponseHeader,
        SucceedWithoutResponseHeader => UnauthorizedCacheControlHeaderStrategy.SucceedWithoutResponseHeader,
        _ => null,
    };

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            var routeKeys = api.Routes.Select(static r => r.RouteKey).ToHashSet(StringComparer.Ordinal);
            foreach (var stage in api.Stages)
            {
                if (api.IsWebSocket && stage.CacheClusterEnabled == true)
                {
                    errors.Add(stage.ErrorAt(P.CacheClusterEnabled, "WebSocket APIs have no response cache"));
                }

                if (stage.DefaultRouteSettings is { } defaults)
                {
                    CheckValues(defaults, api.IsWebSocket, errors);
                }

                foreach (var own in stage.RouteSettings)
                {
                    CheckValues(own, api.IsWebSocket, errors);
                    if (!routeKeys.Contains(own.RouteKey!))
                    {
                        errors.Add(own.Error($"routeSettings names '{own.RouteKey}', which is not a route of API '{api.Name}'"));
                    }
                }

                CheckThrottlePairs(stage, errors);
            }
        }
    }

    private static void CheckValues(RouteSettingsDraft settings, bool webSocket, ICollection<DefinitionError> errors)
    {
        if (settings.ThrottlingRateLimit is { } rate && (rate < 0 || double.IsNaN(rate) || double.IsInfinity(rate)))
        {
            errors.Add(settings.ErrorAt(P.ThrottlingRateLimit, $"throttlingRateLimit must be a number of requests per second ≥ 0; got {rate.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (settings.ThrottlingBurstLimit is < 0)
        {
            errors.Add(settings.ErrorAt(P.ThrottlingBurstLimit, $"throttlingBurstLimit must be ≥ 0; got {settings.ThrottlingBurstLimit}"));
        }

        if (settings.CacheTtlInSeconds is < 0 or > RouteSettings.MaxCacheTtlInSeconds)
        {
            errors.Add(settings.ErrorAt(P.CacheTtlInSeconds, $"cacheTtlInSeconds must be 0 to {RouteSettings.MaxCacheTtlInSeconds}; got {settings.CacheTtlInSeconds}"));
        }

        if (settings.UnauthorizedCacheControlHeaderStrategy is { } strategy && ParseStrategy(strategy) is null)
        {
            errors.Add(settings.ErrorAt(P.UnauthorizedCacheControlHeaderStrategy,
                $"unauthorizedCacheControlHeaderStrategy must be {FailWith403}, {SucceedWithResponseHeader} or {SucceedWithoutResponseHeader}; got '{strategy}'"));
        }

        if (webSocket)
        {
            foreach (var property in new[] { P.CachingEnabled, P.CacheTtlInSeconds, P.RequireAuthorizationForCacheControl, P.UnauthorizedCacheControlHeaderStrategy })
            {
                if (settings.Has(property))
                {
                    errors.Add(settings.ErrorAt(property, $"{property} does not apply to WebSocket APIs (they have no response cache)"));
                }
            }
        }
    }

    /// <summary>A token bucket needs both numbers: after the route's own settings override the stage defaults, one without the other is an error.</summary>
    private static void CheckThrottlePairs(StageDraft stage, ICollection<DefinitionError> errors)
    {
        var defaults = stage.DefaultRouteSettings;
        if (defaults is not null && (defaults.ThrottlingRateLimit is null) != (defaults.ThrottlingBurstLimit is null))
        {
            errors.Add(defaults.Error("set both throttlingRateLimit and throttlingBurstLimit (a token bucket needs a rate and a capacity)"));
            return;
        }

        foreach (var own in stage.RouteSettings)
        {
            var rate = own.ThrottlingRateLimit ?? defaults?.ThrottlingRateLimit;
            var burst = own.ThrottlingBurstLimit ?? defaults?.ThrottlingBurstLimit;
            if ((rate is null) != (burst is null))
            {
                errors.Add(own.Error(
                    "set both throttlingRateLimit and throttlingBurstLimit here or in defaultRouteSettings (a token bucket needs a rate and a capacity)"));
            }
        }
    }
}
