using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>A route names an integration, and that integration is declared by the same API.</summary>
internal sealed class RouteIntegrationRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            foreach (var route in api.Routes)
            {
                if (route.Integration is null && !route.Invalid.Contains(P.Integration))
                {
                    errors.Add(route.ErrorAt(P.Integration, "integration is required: the name of one of the API's integrations"));
                }
                else if (route.Integration is { } name && api.FindIntegration(name) is null)
                {
                    var declared = api.Integrations.Count == 0 ? "none" : string.Join(", ", api.Integrations.Select(static i => i.Name));
                    errors.Add(route.ErrorAt(P.Integration, $"unknown integration '{name}'; the API declares: {declared}"));
                }
            }
        }
    }
}
