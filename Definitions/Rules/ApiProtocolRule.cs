using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary><c>protocol</c> is required and is HTTP, REST or WEBSOCKET (served by the ConnectionHub).</summary>
internal sealed class ApiProtocolRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            if (api.Protocol is null && !api.Invalid.Contains(P.Protocol))
            {
                errors.Add(api.ErrorAt(P.Protocol, "protocol is required and must be HTTP, REST or WEBSOCKET"));
            }
            else if (api.Protocol is not null && api.KnownProtocol is null)
            {
                errors.Add(api.ErrorAt(P.Protocol, $"protocol must be HTTP, REST or WEBSOCKET; got '{api.Protocol}'"));
            }
        }
    }
}
