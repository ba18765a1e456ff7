using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>At most 300 routes per API, AWS's quota (AWS-REFERENCE §7.6).</summary>
internal sealed class RouteCountRule : IDefinitionRule
{
    public const int MaxRoutes = 300;

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            if (api.Routes.Count > MaxRoutes)
            {
                errors.Add(api.ErrorAt(P.Routes, $"an API may have at most {MaxRoutes} routes; got {api.Routes.Count}"));
            }
        }
    }
}
