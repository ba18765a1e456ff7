namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The connection registry shared by the hub's replicas: a record per connection, replica heartbeats, commands
/// routed to the owning replica, and rooms. <c>RedisConnectionRegistry</c> shares it through Redis;
/// <c>InMemoryConnectionRegistry</c> is the embedded mode's single replica. Both pass the same tests.
/// </summary>
/// <remarks>
/// Every method that names a connection also names a <c>scope</c> (<c>{apiId}/{stage}</c>); a connection of
/// another scope is <see cref="DeliveryStatus.Gone"/>. Room names are scoped the same way by the caller's scope.
/// </remarks>
public interface IConnectionRegistry : IAsyncDisposable
{
    /// <summary>This replica's id (unique per process start).</summary>
    string ReplicaId { get; }

    /// <summary>True when the registry is shared with other replicas (Redis), false in embedded mode.</summary>
    bool IsShared { get; }

    /// <summary>
    /// Starts heartbeats, the subscription to this replica's command channel and the janitor that claims the
    /// connections of dead replicas, delivering everything to <paramref name="sink"/>. Called once, before use.
    /// </summary>
    Task StartAsync(IConnectionSink sink, CancellationToken cancellationToken);

    /// <summary>Stops heartbeats and the subscription. Connections still registered are left to the caller.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Registers a connection owned by this replica (after <c>$connect</c> accepted it).</summary>
    Task AddAsync(ConnectionRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the connection and its room memberships. True only for the one caller, on any replica, that
    /// actually removed it: that caller runs <c>$disconnect</c>, so it runs exactly once.
    /// </summary>
    Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>The record, or null when gone (closed, never existed, other scope, or owner replica dead).</summary>
    Task<ConnectionRecord?> GetAsync(string scope, string connectionId, CancellationToken cancellationToken);

    /// <summary>Records activity (fire and forget; may be coalesced, at most a second stale).</summary>
    void Touch(string connectionId, DateTimeOffset lastActiveAt);

    /// <summary>
    /// Delivers <paramref name="payload"/> to the connection's socket, on whichever replica owns it. The memory is
    /// handed over: it is kept, uncopied, until the frame is written, so the caller must not reuse it.
    /// </summary>
    Task<DeliveryStatus> SendAsync(string scope, string connectionId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Asks the owning replica to close the connection (which then runs <c>$disconnect</c>).</summary>
    Task<DeliveryStatus> CloseAsync(string scope, string connectionId, CancellationToken cancellationToken);

    /// <summary>Adds the connection to <paramref name="room"/> (idempotent).</summary>
    Task<DeliveryStatus> JoinAsync(string scope, string connectionId, string room, CancellationToken cancellationToken);

    /// <summary>Removes the connection from <paramref name="room"/> (idempotent; Gone only when the connection is).</summary>
    Task<DeliveryStatus> LeaveAsync(string scope, string connectionId, string room, CancellationToken cancellationToken);

    /// <summary>The ids of the room's members (live connections only).</summary>
    Task<IReadOnlyList<string>> GetRoomMembersAsync(string scope, string room, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers <paramref name="payload"/> to every member of the room on every replica, in one call, except
    /// <paramref name="exceptConnectionId"/>. Returns the number of members at the time of the call. Every member's
    /// frame is the same memory, handed over as for <see cref="SendAsync"/>.
    /// </summary>
    Task<int> BroadcastAsync(string scope, string room, ReadOnlyMemory<byte> payload, string? exceptConnectionId, CancellationToken cancellationToken);
}
