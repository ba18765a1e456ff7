using Platform.Definitions.Drafts;

namespace Platform.Definitions.Rules;

/// <summary>A domain name is declared once across all files; host names are case-insensitive, so two spellings are one host.</summary>
internal sealed class DuplicateDomainNameRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        var first = new Dictionary<string, DomainNameDraft>(StringComparer.OrdinalIgnoreCase);
        foreach (var domain in definition.DomainNames)
        {
            if (first.TryAdd(domain.Name, domain))
            {
                continue;
            }

            var earlier = first[domain.Name];
            errors.Add(domain.Error(earlier.Name == domain.Name
                ? $"domain name '{domain.Name}' is already declared in {earlier.File}"
                : $"domain name '{domain.Name}' is already declared as '{earlier.Name}' in {earlier.File} (host names are case-insensitive)"));
        }
    }
}
