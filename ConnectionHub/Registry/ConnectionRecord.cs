namespace Platform.ConnectionHub.Registry;

/// <summary>
/// What the registry knows about one live connection: who owns its socket and what <c>GET @connections</c> and
/// later events need. <see cref="Scope"/> is <c>{apiId}/{stage}</c>: an <c>@connections</c> call made on another
/// API or stage treats the connection as gone, as AWS does.
/// </summary>
public sealed record ConnectionRecord
{
    public required string ConnectionId { get; init; }

    /// <summary><c>{apiId}/{stage}</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The replica whose process holds the socket.</summary>
    public required string ReplicaId { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    public DateTimeOffset LastActiveAt { get; init; }

    public string? SourceIp { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The authorizer context from <c>$connect</c> as JSON object text, or null.</summary>
    public string? Authorizer { get; init; }

    public ConnectionKind Kind { get; init; } = ConnectionKind.WebSocket;
}

/// <summary>The kind of client behind a connection id.</summary>
public enum ConnectionKind
{
    /// <summary>A raw WebSocket client of a WebSocket API.</summary>
    WebSocket,

    /// <summary>A SignalR client of the stage's hub endpoint; pushes arrive as an invocation.</summary>
    SignalR,
}
