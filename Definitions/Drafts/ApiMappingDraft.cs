namespace Platform.Definitions.Drafts;

/// <summary>An API mapping as read from <c>domainNames["{host}"].apiMappings[i]</c>.</summary>
internal sealed record ApiMappingDraft : DraftObject
{
    public string? ApiMappingKey { get; init; }

    public string? Api { get; init; }

    public string? Stage { get; init; }
}
