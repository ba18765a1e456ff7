using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// AWS_PROXY and HTTP_PROXY integrations need an absolute http or https <c>integrationUri</c>. Placeholders
/// (<c>{proxy}</c>, <c>${stageVariables.host}</c>) are checked by their own rules, so here each stands for a
/// plain value and the rest must be a URL.
/// </summary>
internal sealed class IntegrationUriRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var integration in definition.Apis.SelectMany(static a => a.Integrations))
        {
            if (integration.KnownType is not ({ } type and (IntegrationType.AwsProxy or IntegrationType.HttpProxy)))
            {
                continue;
            }

            if (integration.IntegrationUri is not { } uri)
            {
                if (!integration.Invalid.Contains(P.IntegrationUri))
                {
                    errors.Add(integration.ErrorAt(P.IntegrationUri,
                        $"integrationUri is required for {IntegrationProperties.NameOf(type)} integrations, e.g. http://users"));
                }
            }
            else if (!IsAbsoluteHttpUrl(uri))
            {
                errors.Add(integration.ErrorAt(P.IntegrationUri, $"integrationUri must be an absolute http or https URL such as http://users; got '{uri}'"));
            }
        }
    }

    private static bool IsAbsoluteHttpUrl(string template)
    {
        var plain = DefinitionPatterns.AnyPlaceholder().Replace(DefinitionPatterns.AnyReference().Replace(template, "x"), "x");
        return Uri.TryCreate(plain, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0;
    }
}
