namespace Platform.Definitions;

/// <summary>A custom domain name and its API mappings (host + base path → API + stage).</summary>
public sealed record DomainNameDefinition
{
    /// <summary>The host name (case-insensitive, any port), or <c>$default</c> for every host no other domain names.</summary>
    public required string DomainName { get; init; }

    public IReadOnlyList<ApiMappingDefinition> ApiMappings { get; init; } = [];

    public const string DefaultDomainName = "$default";
}
