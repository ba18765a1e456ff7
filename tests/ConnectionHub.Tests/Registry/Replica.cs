using Platform.ConnectionHub.Registry;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>A started registry with its sink: one hub replica, as the tests see it.</summary>
internal sealed class Replica(IConnectionRegistry registry, RecordingSink sink)
{
    public const string Scope = "api1/prod";

    public IConnectionRegistry Registry { get; } = registry;

    public RecordingSink Sink { get; } = sink;

    public static string NewConnectionId() => Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..14] + "=";

    /// <summary>Opens a socket on this replica's sink and registers its connection.</summary>
    public async Task<ConnectionRecord> ConnectAsync(string scope = Scope)
    {
        var now = DateTimeOffset.UtcNow;
        var record = new ConnectionRecord
        {
            ConnectionId = NewConnectionId(),
            Scope = scope,
            ReplicaId = Registry.ReplicaId,
            ConnectedAt = now,
            LastActiveAt = now,
        };
        Sink.Open(record.ConnectionId);
        await Registry.AddAsync(record, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        return record;
    }
}
