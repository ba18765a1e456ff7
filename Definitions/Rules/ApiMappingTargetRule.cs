using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>An API mapping names a declared API and one of that API's stages.</summary>
internal sealed class ApiMappingTargetRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var mapping in definition.DomainNames.SelectMany(static d => d.ApiMappings))
        {
            if (mapping.Api is null && !mapping.Invalid.Contains(P.Api))
            {
                errors.Add(mapping.ErrorAt(P.Api, "api is required: the name of a declared API"));
            }

            if (mapping.Stage is null && !mapping.Invalid.Contains(P.Stage))
            {
                errors.Add(mapping.ErrorAt(P.Stage, "stage is required: the name of one of the API's stages"));
            }

            if (mapping.Api is not { } apiName)
            {
                continue;
            }

            if (definition.FindApi(apiName) is not { } api)
            {
                var declared = definition.Apis.Count == 0 ? "none" : string.Join(", ", definition.Apis.Select(static a => a.Name).Distinct());
                errors.Add(mapping.ErrorAt(P.Api, $"unknown API '{apiName}'; declared APIs: {declared}"));
            }
            else if (mapping.Stage is { } stage && !api.Stages.Any(s => s.Name == stage))
            {
                var stages = api.Stages.Count == 0 ? "none" : string.Join(", ", api.Stages.Select(static s => s.Name));
                errors.Add(mapping.ErrorAt(P.Stage, $"API '{apiName}' has no stage '{stage}'; its stages: {stages}"));
            }
        }
    }
}
