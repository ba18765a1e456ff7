using Platform.Definitions.Drafts;

namespace Platform.Definitions.Rules;

/// <summary>
/// A property that does not belong to the integration's type (<c>functionName</c> on HTTP_PROXY,
/// <c>mockResponse</c> on AWS_PROXY) is an error: it would be silently ignored, hiding a mistake.
/// </summary>
internal sealed class IntegrationPropertiesRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var integration in definition.Apis.SelectMany(static a => a.Integrations))
        {
            if (integration.KnownType is not { } type)
            {
                continue;
            }

            foreach (var property in DefinitionProperties.OfIntegration)
            {
                if (integration.Has(property) && !IntegrationProperties.Applies(integration, property))
                {
                    errors.Add(integration.ErrorAt(property, $"{property} does not apply to {IntegrationProperties.NameOf(type)} integrations"));
                }
            }
        }
    }
}
