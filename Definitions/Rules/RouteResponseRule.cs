using Platform.Definitions.Drafts;
using Platform.Definitions.Routing;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// A WebSocket route's <c>routeResponseSelectionExpression</c> is <c>$default</c> (the only value AWS supports for
/// proxy integrations), and only on routes that answer a message: not on <c>$connect</c> or <c>$disconnect</c>.
/// </summary>
internal sealed class RouteResponseRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis.Where(static a => a.IsWebSocket))
        {
            foreach (var route in api.Routes)
            {
                if (route.RouteResponseSelectionExpression is not { } expression)
                {
                    continue;
                }

                if (expression != RouteKey.DefaultKey)
                {
                    errors.Add(route.ErrorAt(P.RouteResponseSelectionExpression, $"routeResponseSelectionExpression must be \"$default\"; got '{expression}'"));
                }
                else if (route.RouteKey is RouteKey.ConnectKey or RouteKey.DisconnectKey)
                {
                    errors.Add(route.ErrorAt(P.RouteResponseSelectionExpression, $"route '{route.RouteKey}' cannot have a route response: there is no message to answer"));
                }
            }
        }
    }
}
