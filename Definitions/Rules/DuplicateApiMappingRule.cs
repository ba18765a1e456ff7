using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>Two mappings of one domain name may not share an <c>apiMappingKey</c>: the same base path cannot serve two APIs.</summary>
internal sealed class DuplicateApiMappingRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var domain in definition.DomainNames)
        {
            var byKey = new Dictionary<string, ApiMappingDraft>(StringComparer.Ordinal);
            foreach (var mapping in domain.ApiMappings)
            {
                if (mapping.Invalid.Contains(P.ApiMappingKey))
                {
                    continue;
                }

                var key = mapping.ApiMappingKey ?? "";
                if (!byKey.TryAdd(key, mapping))
                {
                    errors.Add(mapping.ErrorAt(P.ApiMappingKey, $"apiMappingKey '{key}' is already used by {byKey[key].Key}"));
                }
            }
        }
    }
}
