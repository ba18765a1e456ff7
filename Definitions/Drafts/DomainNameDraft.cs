namespace Platform.Definitions.Drafts;

/// <summary>A domain name as read from <c>domainNames["{host}"]</c>.</summary>
internal sealed record DomainNameDraft : DraftObject
{
    public required string Name { get; init; }

    public IReadOnlyList<ApiMappingDraft> ApiMappings { get; init; } = [];
}
