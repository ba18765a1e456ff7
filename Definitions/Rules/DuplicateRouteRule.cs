using Platform.Definitions.Drafts;
using Platform.Definitions.Routing;

namespace Platform.Definitions.Rules;

/// <summary>
/// Two routes of an API may not have the same <see cref="RouteKey.Shape"/>: <c>GET /pets/{id}</c> and
/// <c>GET /pets/{name}</c> match exactly the same requests, so one of them could never be chosen.
/// </summary>
internal sealed class DuplicateRouteRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            var byShape = new Dictionary<string, RouteDraft>(StringComparer.Ordinal);
            foreach (var route in api.Routes)
            {
                if (api.TryParseRouteKey(route, out var key, out _) && !byShape.TryAdd(key.Shape, route))
                {
                    errors.Add(route.Error(
                        $"route '{route.RouteKey}' matches the same requests as route '{byShape[key.Shape].RouteKey}' (both are '{key.Shape}')"));
                }
            }
        }
    }
}
