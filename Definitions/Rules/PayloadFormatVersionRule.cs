using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary><c>payloadFormatVersion</c> is "1.0" or "2.0"; REST APIs know only "1.0".</summary>
internal sealed class PayloadFormatVersionRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        // WebSocket APIs: WebSocketIntegrationRule.
        foreach (var api in definition.Apis.Where(static a => !a.IsWebSocket))
        {
            foreach (var integration in api.Integrations)
            {
                if (integration.PayloadFormatVersion is not { } version || !IntegrationProperties.Applies(integration, P.PayloadFormatVersion))
                {
                    continue;
                }

                if (api.KnownProtocol == ApiProtocol.Rest && version != "1.0")
                {
                    errors.Add(integration.ErrorAt(P.PayloadFormatVersion, $"payloadFormatVersion must be \"1.0\" for REST APIs; got '{version}'"));
                }
                else if (version is not ("1.0" or "2.0"))
                {
                    errors.Add(integration.ErrorAt(P.PayloadFormatVersion, $"payloadFormatVersion must be \"1.0\" or \"2.0\"; got '{version}'"));
                }
            }
        }
    }
}
