using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// A WebSocket API's integrations are AWS_PROXY (the function invoke contract, events per AWS-REFERENCE §7.2,
/// which carry no payload version) or MOCK.
/// </summary>
internal sealed class WebSocketIntegrationRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var integration in definition.Apis.Where(static a => a.IsWebSocket).SelectMany(static a => a.Integrations))
        {
            if (integration.KnownType == IntegrationType.HttpProxy)
            {
                errors.Add(integration.ErrorAt(P.IntegrationType, "WEBSOCKET APIs use AWS_PROXY or MOCK integrations; HTTP_PROXY is not supported here"));
            }

            if (integration.PayloadFormatVersion is { } version && version != "1.0")
            {
                errors.Add(integration.ErrorAt(P.PayloadFormatVersion, $"WEBSOCKET API events have one format; payloadFormatVersion may only be \"1.0\"; got '{version}'"));
            }
        }
    }
}
