using Platform.Definitions.UsagePlans;

namespace Platform.Definitions;

/// <summary>Everything the gateway serves: the APIs and the domain names that map hosts and base paths onto them.</summary>
public sealed record GatewayDefinition
{
    public static GatewayDefinition Empty { get; } = new();

    /// <summary>APIs by name (ordinal, case-sensitive).</summary>
    public IReadOnlyDictionary<string, ApiDefinition> Apis { get; init; } = new Dictionary<string, ApiDefinition>(StringComparer.Ordinal);

    /// <summary>Domain names by host name (case-insensitive); <c>$default</c> serves every host no other entry names.</summary>
    public IReadOnlyDictionary<string, DomainNameDefinition> DomainNames { get; init; } =
        new Dictionary<string, DomainNameDefinition>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Usage plans by name (ordinal).</summary>
    public IReadOnlyDictionary<string, UsagePlanDefinition> UsagePlans { get; init; } =
        new Dictionary<string, UsagePlanDefinition>(StringComparer.Ordinal);

    /// <summary>API keys by id (ordinal); values only as hashes.</summary>
    public IReadOnlyDictionary<string, ApiKeyDefinition> ApiKeys { get; init; } =
        new Dictionary<string, ApiKeyDefinition>(StringComparer.Ordinal);

    /// <summary>IP sets by name (ordinal), referenced by web ACL rules.</summary>
    public IReadOnlyDictionary<string, Waf.IpSetDefinition> IpSets { get; init; } =
        new Dictionary<string, Waf.IpSetDefinition>(StringComparer.Ordinal);

    /// <summary>Web ACLs by name (ordinal), attached to stages by <see cref="StageDefinition.WebAcl"/>.</summary>
    public IReadOnlyDictionary<string, Waf.WebAclDefinition> WebAcls { get; init; } =
        new Dictionary<string, Waf.WebAclDefinition>(StringComparer.Ordinal);
}
