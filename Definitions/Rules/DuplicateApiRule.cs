using Platform.Definitions.Drafts;

namespace Platform.Definitions.Rules;

/// <summary>An API is declared in one file only; the error names both files.</summary>
internal sealed class DuplicateApiRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        var first = new Dictionary<string, ApiDraft>(StringComparer.Ordinal);
        foreach (var api in definition.Apis)
        {
            if (!first.TryAdd(api.Name, api))
            {
                errors.Add(api.Error($"API '{api.Name}' is already declared in {first[api.Name].File}"));
            }
        }
    }
}
