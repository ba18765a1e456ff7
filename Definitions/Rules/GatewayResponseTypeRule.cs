using Platform.Definitions.Drafts;
using Platform.Definitions.Responses;

namespace Platform.Definitions.Rules;

/// <summary>A customised gateway response names one of AWS's response types (<c>DEFAULT_4XX</c>, <c>THROTTLED</c>, ...).</summary>
internal sealed class GatewayResponseTypeRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var response in definition.Apis.SelectMany(static a => a.GatewayResponses))
        {
            if (!GatewayResponseTypeNames.TryParse(response.TypeName, out _))
            {
                errors.Add(response.Error(
                    $"unknown gateway response type '{response.TypeName}'; known: {string.Join(", ", GatewayResponseTypeNames.All)}"));
            }
        }
    }
}
