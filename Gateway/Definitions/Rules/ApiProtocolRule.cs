using Platform.Gateway.Definitions.Drafts;
using P = Platform.Gateway.Definitions.Drafts.DefinitionProperties;

namespace Platform.Gateway.Definitions.Rules;

/// <summary><c>protocol</c> is required and is HTTP or REST; WEBSOCKET APIs are served by the ConnectionHub, not here.</summary>
internal sealed class ApiProtocolRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            if (api.Protocol is null && !api.Invalid.Contains(P.Protocol))
            {
                errors.Add(api.ErrorAt(P.Protocol, "protocol is required and must be HTTP or REST"));
            }
            else if (api.Protocol is not null && api.KnownProtocol is null)
            {
                errors.Add(api.ErrorAt(P.Protocol, $"protocol must be HTTP or REST; got '{api.Protocol}'"));
            }
        }
    }
}
