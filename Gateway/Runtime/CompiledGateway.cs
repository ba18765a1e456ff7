using Platform.Definitions;
using Platform.Gateway.Responses;
using Platform.Definitions.Responses;

namespace Platform.Gateway.Runtime;

/// <summary>
/// One immutable, compiled version of the definitions. The gateway swaps whole snapshots atomically; a request
/// keeps the snapshot it started with.
/// </summary>
public sealed class CompiledGateway
{
    public CompiledGateway(GatewayDefinition definition, long version)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Version = version;
        Apis = definition.Apis.ToDictionary(p => p.Key, p => new CompiledApi(p.Value), StringComparer.Ordinal);
        Domains = new DomainResolver(definition, Apis);
        WebAcls = Waf.CompiledWebAcl.CompileAll(definition);
    }

    public static CompiledGateway Empty { get; } = new(GatewayDefinition.Empty, 0);

    public GatewayDefinition Definition { get; }

    /// <summary>Increases with every successful load.</summary>
    public long Version { get; }

    public IReadOnlyDictionary<string, CompiledApi> Apis { get; }

    public DomainResolver Domains { get; }

    /// <summary>The web ACLs by name, compiled once per version; stages name theirs.</summary>
    internal IReadOnlyDictionary<string, Waf.CompiledWebAcl> WebAcls { get; }

    /// <summary>Gateway responses for requests that resolve to no API (the HTTP API table, as API Gateway answers unknown hosts and paths).</summary>
    public static GatewayResponseTable NoApiResponses { get; } = new(ApiProtocol.Http, new Dictionary<GatewayResponseType, GatewayResponseDefinition>());
}
