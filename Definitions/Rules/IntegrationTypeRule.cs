using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary><c>integrationType</c> is required and is AWS_PROXY, HTTP_PROXY or MOCK.</summary>
internal sealed class IntegrationTypeRule : IDefinitionRule
{
    private const string Expected = "AWS_PROXY, HTTP_PROXY or MOCK";

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var integration in definition.Apis.SelectMany(static a => a.Integrations))
        {
            if (integration.IntegrationType is null && !integration.Invalid.Contains(P.IntegrationType))
            {
                errors.Add(integration.ErrorAt(P.IntegrationType, $"integrationType is required: {Expected}"));
            }
            else if (integration.IntegrationType is { } type && integration.KnownType is null)
            {
                errors.Add(integration.ErrorAt(P.IntegrationType, $"integrationType must be {Expected}; got '{type}'"));
            }
        }
    }
}
