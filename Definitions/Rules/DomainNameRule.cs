using Platform.Definitions.Drafts;

namespace Platform.Definitions.Rules;

/// <summary>A domain name is <c>$default</c> or a DNS host name (no scheme, port or path).</summary>
internal sealed class DomainNameRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var domain in definition.DomainNames)
        {
            if (domain.Name != DomainNameDefinition.DefaultDomainName && !DefinitionPatterns.HostName().IsMatch(domain.Name))
            {
                errors.Add(domain.Error($"domain name '{domain.Name}' must be $default or a DNS host name such as api.example.com"));
            }
        }
    }
}
