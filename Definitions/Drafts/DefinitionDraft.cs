namespace Platform.Definitions.Drafts;

/// <summary>Every file's declarations, merged but not yet checked: the same API may appear twice here.</summary>
internal sealed record DefinitionDraft
{
    public IReadOnlyList<ApiDraft> Apis { get; init; } = [];

    public IReadOnlyList<DomainNameDraft> DomainNames { get; init; } = [];

    public IReadOnlyList<UsagePlanDraft> UsagePlans { get; init; } = [];

    public IReadOnlyList<ApiKeyDraft> ApiKeys { get; init; } = [];

    public IReadOnlyList<IpSetDraft> IpSets { get; init; } = [];

    public IReadOnlyList<WebAclDraft> WebAcls { get; init; } = [];

    public UsagePlanDraft? FindUsagePlan(string name) => UsagePlans.FirstOrDefault(p => p.Name == name);

    /// <summary>The first declaration of each API name, for rules that resolve references.</summary>
    public ApiDraft? FindApi(string name) => Apis.FirstOrDefault(a => a.Name == name);
}
