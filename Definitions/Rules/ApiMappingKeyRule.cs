using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary><c>apiMappingKey</c> is empty (the root) or <c>/</c>-separated segments of <c>[A-Za-z0-9._~-]</c>, without leading or trailing slash.</summary>
internal sealed class ApiMappingKeyRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var mapping in definition.DomainNames.SelectMany(static d => d.ApiMappings))
        {
            if (mapping.ApiMappingKey is { Length: > 0 } key && !DefinitionPatterns.ApiMappingKey().IsMatch(key))
            {
                errors.Add(mapping.ErrorAt(P.ApiMappingKey,
                    $"apiMappingKey must be empty or segments of letters, digits, '.', '_', '~' or '-' separated by '/', without a leading or trailing '/'; got '{key}'"));
            }
        }
    }
}
