using Platform.Gateway.Definitions.Drafts;
using Platform.Gateway.Routing;

namespace Platform.Gateway.Definitions.Rules;

/// <summary>A route key parses (<see cref="RouteKey.TryParse"/> says exactly what is wrong).</summary>
internal sealed class RouteKeyRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var route in definition.Apis.SelectMany(static a => a.Routes))
        {
            if (!RouteKey.TryParse(route.RouteKey, out _, out var error))
            {
                errors.Add(route.Error(error));
            }
        }
    }
}
