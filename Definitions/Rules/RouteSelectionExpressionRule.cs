using Platform.Definitions.Drafts;
using Platform.Definitions.Routing;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// A WebSocket API has a <c>routeSelectionExpression</c> that parses; HTTP and REST APIs have none, nor
/// <c>webSocketSettings</c>, nor route responses.
/// </summary>
internal sealed class RouteSelectionExpressionRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis.Where(static a => a.KnownProtocol is not null))
        {
            if (!api.IsWebSocket)
            {
                foreach (var property in (string[])[P.RouteSelectionExpression, P.WebSocketSettings])
                {
                    if (api.Has(property))
                    {
                        errors.Add(api.ErrorAt(property, $"{property} applies only to WEBSOCKET APIs; this API's protocol is {api.Protocol}"));
                    }
                }

                foreach (var route in api.Routes.Where(static r => r.Has(P.RouteResponseSelectionExpression)))
                {
                    errors.Add(route.ErrorAt(P.RouteResponseSelectionExpression, $"route responses apply only to WEBSOCKET APIs; this API's protocol is {api.Protocol}"));
                }

                continue;
            }

            if (api.RouteSelectionExpression is null)
            {
                if (!api.Invalid.Contains(P.RouteSelectionExpression))
                {
                    errors.Add(api.ErrorAt(P.RouteSelectionExpression, "routeSelectionExpression is required for WEBSOCKET APIs, e.g. \"$request.body.action\""));
                }
            }
            else if (!RouteSelectionExpression.TryParse(api.RouteSelectionExpression, out _, out var error))
            {
                errors.Add(api.ErrorAt(P.RouteSelectionExpression, error));
            }
        }
    }
}
