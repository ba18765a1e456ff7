using Platform.Definitions.Drafts;
using Platform.Definitions.Loading;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>Stage variables as AWS allows them (AWS-REFERENCE §9): names <c>[A-Za-z0-9_]{1,64}</c>, values <c>[A-Za-z0-9-._~:/?#&amp;=,]{1,512}</c>, at most 100.</summary>
internal sealed class StageVariablesRule : IDefinitionRule
{
    public const int MaxVariables = 100;

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var stage in definition.Apis.SelectMany(static a => a.Stages))
        {
            var variablesKey = stage.KeyOf(P.StageVariables);
            if (stage.StageVariables.Count > MaxVariables)
            {
                errors.Add(new DefinitionError(stage.File, variablesKey,
                    $"a stage may have at most {MaxVariables} stage variables; got {stage.StageVariables.Count}"));
            }

            foreach (var (name, value) in stage.StageVariables)
            {
                var key = JsonPath.Property(variablesKey, name);
                if (!DefinitionPatterns.StageVariableName().IsMatch(name))
                {
                    errors.Add(new DefinitionError(stage.File, key, $"stage variable name '{name}' must be 1 to 64 letters, digits or '_'"));
                }

                if (!DefinitionPatterns.StageVariableValue().IsMatch(value))
                {
                    errors.Add(new DefinitionError(stage.File, key,
                        $"stage variable value '{value}' must be 1 to 512 letters, digits or - . _ ~ : / ? # & = ,"));
                }
            }
        }
    }
}
