using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>A customised gateway response's <c>statusCode</c>, when given, is 100..599.</summary>
internal sealed class GatewayResponseStatusCodeRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var response in definition.Apis.SelectMany(static a => a.GatewayResponses))
        {
            if (response.StatusCode is { } status && !DefinitionPatterns.IsStatusCode(status))
            {
                errors.Add(response.ErrorAt(P.StatusCode,
                    $"statusCode must be {DefinitionPatterns.MinStatusCode} to {DefinitionPatterns.MaxStatusCode}; got {status}"));
            }
        }
    }
}
