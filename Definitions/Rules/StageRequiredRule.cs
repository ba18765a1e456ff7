using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>An API without a stage can serve no request, so it needs at least one.</summary>
internal sealed class StageRequiredRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            if (api.Stages.Count == 0 && !api.Invalid.Contains(P.Stages))
            {
                errors.Add(api.ErrorAt(P.Stages, "an API needs at least one stage, e.g. \"stages\": { \"$default\": {} }"));
            }
        }
    }
}
