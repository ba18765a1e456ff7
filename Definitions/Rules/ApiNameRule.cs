using Platform.Definitions.Drafts;

namespace Platform.Definitions.Rules;

/// <summary>An API name is its id in events and execute-api host names: <c>^[A-Za-z0-9_-]{1,128}$</c>.</summary>
internal sealed class ApiNameRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            if (!DefinitionPatterns.Name().IsMatch(api.Name))
            {
                errors.Add(api.Error($"API name '{api.Name}' must be 1 to 128 letters, digits, '_' or '-'"));
            }
        }
    }
}
