using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary><c>integrationMethod</c> is one of GET POST PUT PATCH DELETE HEAD OPTIONS ANY (ANY sends the client's method).</summary>
internal sealed class IntegrationMethodRule : IDefinitionRule
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var integration in definition.Apis.SelectMany(static a => a.Integrations))
        {
            if (integration.IntegrationMethod is { } method
                && IntegrationProperties.Applies(integration, P.IntegrationMethod)
                && !Methods.Contains(method, StringComparer.Ordinal))
            {
                errors.Add(integration.ErrorAt(P.IntegrationMethod, $"integrationMethod must be one of {string.Join(", ", Methods)}; got '{method}'"));
            }
        }
    }
}
