using Platform.Definitions.Drafts;
using Platform.Definitions.Routing;

namespace Platform.Definitions.Rules;

/// <summary>A route key parses by its API's rules (<see cref="RouteKey.TryParse"/>, <see cref="RouteKey.TryParseWebSocket"/>).</summary>
internal sealed class RouteKeyRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            foreach (var route in api.Routes)
            {
                if (!api.TryParseRouteKey(route, out _, out var error))
                {
                    errors.Add(route.Error(error));
                }
            }
        }
    }
}
