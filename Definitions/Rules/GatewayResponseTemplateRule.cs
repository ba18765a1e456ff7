using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;
using Platform.Definitions.Templates;

namespace Platform.Definitions.Rules;

/// <summary>A customised gateway response's <c>bodyTemplate</c> uses only known <c>$context</c> variables.</summary>
internal sealed class GatewayResponseTemplateRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var response in definition.Apis.SelectMany(static a => a.GatewayResponses))
        {
            if (response.BodyTemplate is { } template && !ContextTemplate.TryParse(template, out _, out var error))
            {
                errors.Add(response.ErrorAt(P.BodyTemplate, error));
            }
        }
    }
}
