using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// <c>cacheableStatusCodes</c> of a stage's <c>defaultRouteSettings</c> and <c>routeSettings</c>: a non-empty list of
/// distinct statuses from 200 to 599 (1xx responses are not responses one can replay); WebSocket APIs have no
/// response cache.
/// </summary>
internal sealed class CacheableStatusCodesRule : IDefinitionRule
{
    public const int Lowest = 200;
    public const int Highest = 599;

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            foreach (var stage in api.Stages)
            {
                var all = stage.DefaultRouteSettings is { } defaults ? stage.RouteSettings.Prepend(defaults) : stage.RouteSettings;
                foreach (var settings in all.Where(static s => s.CacheableStatusCodes is not null))
                {
                    Check(settings, api.IsWebSocket, errors);
                }
            }
        }
    }

    private static void Check(RouteSettingsDraft settings, bool webSocket, ICollection<DefinitionError> errors)
    {
        if (webSocket)
        {
            errors.Add(settings.ErrorAt(P.CacheableStatusCodes, $"{P.CacheableStatusCodes} does not apply to WebSocket APIs (they have no response cache)"));
            return;
        }

        var codes = settings.CacheableStatusCodes!;
        if (codes.Count == 0 && !settings.Invalid.Contains(P.CacheableStatusCodes))
        {
            errors.Add(settings.ErrorAt(P.CacheableStatusCodes, $"{P.CacheableStatusCodes} must list at least one status; leave it out to cache every 2xx"));
            return;
        }

        var seen = new HashSet<int>();
        foreach (var code in codes)
        {
            if (code is < Lowest or > Highest)
            {
                errors.Add(settings.ErrorAt(P.CacheableStatusCodes, $"{P.CacheableStatusCodes}: {code} is not a status from {Lowest} to {Highest}"));
            }
            else if (!seen.Add(code))
            {
                errors.Add(settings.ErrorAt(P.CacheableStatusCodes, $"{P.CacheableStatusCodes}: {code} is listed more than once"));
            }
        }
    }
}
