using Platform.Definitions.Drafts;
using Platform.Definitions.Routing;
using Platform.Definitions.Stages;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// A route's <c>cacheKeyParameters</c> (AWS-REFERENCE §6): each is <c>method.request.querystring.{name}</c>,
/// <c>method.request.header.{name}</c> or <c>method.request.path.{name}</c> — a path parameter the route key
/// declares — listed once; WebSocket routes have no cache.
/// </summary>
internal sealed class CacheKeyParameterRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            foreach (var route in api.Routes.Where(static r => r.CacheKeyParameters is { Count: > 0 }))
            {
                if (api.IsWebSocket)
                {
                    errors.Add(route.ErrorAt(P.CacheKeyParameters, "cacheKeyParameters do not apply to WebSocket routes (they have no response cache)"));
                    continue;
                }

                var pathParameters = RouteKey.TryParse(route.RouteKey, out var key, out _)
                    ? key.Segments.Where(static s => s.Kind is RouteSegmentKind.Parameter or RouteSegmentKind.Greedy).Select(static s => s.Value).ToHashSet(StringComparer.Ordinal)
                    : null;
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var text in route.CacheKeyParameters!)
                {
                    if (!CacheKeyParameter.TryParse(text, out var parameter))
                    {
                        errors.Add(route.ErrorAt(P.CacheKeyParameters,
                            $"'{text}' must be method.request.querystring.<name>, method.request.header.<name> or method.request.path.<name>"));
                        continue;
                    }

                    if (!seen.Add(text))
                    {
                        errors.Add(route.ErrorAt(P.CacheKeyParameters, $"'{text}' is listed more than once"));
                    }

                    if (parameter.Source == CacheKeyParameterSource.Path && pathParameters is not null && !pathParameters.Contains(parameter.Name))
                    {
                        errors.Add(route.ErrorAt(P.CacheKeyParameters, $"'{text}' names path parameter '{parameter.Name}', which route '{route.RouteKey}' does not declare"));
                    }
                }
            }
        }
    }
}
