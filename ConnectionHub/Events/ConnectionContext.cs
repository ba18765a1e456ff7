using System.Diagnostics;
using Platform.ConnectionHub.Runtime;
using Platform.Definitions;

namespace Platform.ConnectionHub.Events;

/// <summary>What every event of one connection repeats: ids, API and stage, identity, and the handshake span to link to.</summary>
public sealed record ConnectionContext
{
    public required string ConnectionId { get; init; }

    public required HubApi Api { get; init; }

    public required StageDefinition Stage { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    public string? SourceIp { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The host the client connected to (the gateway's public host when it came through the gateway).</summary>
    public string? DomainName { get; init; }

    /// <summary>The authorizer context from <c>$connect</c>, as JSON object text; null without an authorizer.</summary>
    public string? Authorizer { get; init; }

    /// <summary>
    /// The handshake request's span (the parent of the <c>$connect</c> span), which the spans of later events link
    /// to: each of them starts a trace of its own.
    /// </summary>
    public ActivityContext ConnectSpan { get; init; }

    /// <summary><c>{apiId}/{stage}</c>, the registry's scope.</summary>
    public string Scope => Api.Name + "/" + Stage.Name;

    /// <summary>The registry record of this connection, owned by <paramref name="replicaId"/>, as it opens.</summary>
    public Registry.ConnectionRecord ToRecord(string replicaId, Registry.ConnectionKind kind) => new()
    {
        ConnectionId = ConnectionId,
        Scope = Scope,
        ReplicaId = replicaId,
        ConnectedAt = ConnectedAt,
        LastActiveAt = ConnectedAt,
        SourceIp = SourceIp,
        UserAgent = UserAgent,
        Authorizer = Authorizer,
        Kind = kind,
    };
}
