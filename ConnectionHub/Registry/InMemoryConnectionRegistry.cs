namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The embedded mode's registry: one replica, so every connection is local and every command goes straight to
/// the sink. Nothing outlives the process, so there are no heartbeats and no orphans to claim.
/// </summary>
public sealed class InMemoryConnectionRegistry : IConnectionRegistry
{
    private readonly LocalConnectionIndex _connections = new();
    private IConnectionSink? _sink;

    public string ReplicaId { get; } = "embedded-" + Guid.NewGuid().ToString("N");

    public bool IsShared => false;

    private IConnectionSink Sink => _sink ?? throw new InvalidOperationException("The registry is not started: call StartAsync first.");

    public Task StartAsync(IConnectionSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.CompareExchange(ref _sink, sink, null) is not null)
        {
            throw new InvalidOperationException("The registry is already started.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AddAsync(ConnectionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        RegistryArguments.ThrowIfNotOwnedBy(record, ReplicaId);

        _connections.Add(record);
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        return Task.FromResult(_connections.Remove(connectionId) is not null);
    }

    public Task<ConnectionRecord?> GetAsync(string scope, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(connectionId);
        return Task.FromResult(_connections.Find(scope, connectionId));
    }

    public void Touch(string connectionId, DateTimeOffset lastActiveAt)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        _connections.Touch(connectionId, lastActiveAt);
    }

    public Task<DeliveryStatus> SendAsync(string scope, string connectionId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(connectionId);

        // A registered connection whose socket is no longer open is closing: Gone, as AWS answers.
        var delivered = _connections.Find(scope, connectionId) is not null && Sink.Send(connectionId, new PushPayload(payload));
        return Task.FromResult(delivered ? DeliveryStatus.Delivered : DeliveryStatus.Gone);
    }

    public Task<DeliveryStatus> CloseAsync(string scope, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(connectionId);

        var closing = _connections.Find(scope, connectionId) is not null && Sink.Close(connectionId);
        return Task.FromResult(closing ? DeliveryStatus.Delivered : DeliveryStatus.Gone);
    }

    public Task<DeliveryStatus> JoinAsync(string scope, string connectionId, string room, CancellationToken cancellationToken)
    {
        RegistryArguments.ThrowIfInvalid(scope, connectionId, room);
        var joined = _connections.Join(scope, connectionId, LocalConnectionIndex.ScopedRoom(scope, room));
        return Task.FromResult(joined ? DeliveryStatus.Delivered : DeliveryStatus.Gone);
    }

    public Task<DeliveryStatus> LeaveAsync(string scope, string connectionId, string room, CancellationToken cancellationToken)
    {
        RegistryArguments.ThrowIfInvalid(scope, connectionId, room);
        var known = _connections.Leave(scope, connectionId, LocalConnectionIndex.ScopedRoom(scope, room));
        return Task.FromResult(known ? DeliveryStatus.Delivered : DeliveryStatus.Gone);
    }

    public Task<IReadOnlyList<string>> GetRoomMembersAsync(string scope, string room, CancellationToken cancellationToken)
    {
        RegistryArguments.ThrowIfInvalid(scope, room);
        IReadOnlyList<string> members = _connections.Members(LocalConnectionIndex.ScopedRoom(scope, room));
        return Task.FromResult(members);
    }

    public Task<int> BroadcastAsync(string scope, string room, ReadOnlyMemory<byte> payload, string? exceptConnectionId, CancellationToken cancellationToken)
    {
        RegistryArguments.ThrowIfInvalid(scope, room);
        var members = _connections.Members(LocalConnectionIndex.ScopedRoom(scope, room));
        var sink = Sink;
        var shared = new PushPayload(payload);
        foreach (var member in members)
        {
            if (member != exceptConnectionId)
            {
                sink.Send(member, shared);
            }
        }

        return Task.FromResult(members.Length);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
