using Platform.Definitions.Drafts;

namespace Platform.Definitions.Rules;

/// <summary>A stage name is <c>$default</c> or <c>^[A-Za-z0-9_-]{1,128}$</c>: it becomes the first path segment.</summary>
internal sealed class StageNameRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var stage in definition.Apis.SelectMany(static a => a.Stages))
        {
            if (stage.Name != StageDefinition.DefaultStageName && !DefinitionPatterns.Name().IsMatch(stage.Name))
            {
                errors.Add(stage.Error($"stage name '{stage.Name}' must be $default or 1 to 128 letters, digits, '_' or '-'"));
            }
        }
    }
}
