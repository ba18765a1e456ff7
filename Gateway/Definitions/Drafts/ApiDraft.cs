namespace Platform.Gateway.Definitions.Drafts;

/// <summary>An API as read from <c>apis.{name}</c>.</summary>
internal sealed record ApiDraft : DraftObject
{
    public required string Name { get; init; }

    public string? Protocol { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<RouteDraft> Routes { get; init; } = [];

    public IReadOnlyList<IntegrationDraft> Integrations { get; init; } = [];

    public IReadOnlyList<StageDraft> Stages { get; init; } = [];

    public IReadOnlyList<GatewayResponseDraft> GatewayResponses { get; init; } = [];

    /// <summary>The protocol when it is one this gateway serves; rules that depend on it skip an API without one.</summary>
    public ApiProtocol? KnownProtocol => Protocol switch
    {
        "HTTP" => ApiProtocol.Http,
        "REST" => ApiProtocol.Rest,
        _ => null,
    };

    public IntegrationDraft? FindIntegration(string name) => Integrations.FirstOrDefault(i => i.Name == name);
}
