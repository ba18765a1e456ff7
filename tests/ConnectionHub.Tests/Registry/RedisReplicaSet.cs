using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.ConnectionHub.Registry;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>
/// Hub replicas on one real redis-server, each with a multiplexer of its own (as separate processes have), all
/// under a key prefix of their own, so replicas of other tests are invisible to them and to their janitors.
/// </summary>
internal sealed class RedisReplicaSet(RedisServerFixture redis) : IAsyncDisposable
{
    /// <summary>Long enough that no live replica loses its heartbeat on a loaded machine; tests of dead replicas shorten it.</summary>
    public static readonly TimeSpan DefaultHeartbeatTtl = TimeSpan.FromSeconds(6);

    private readonly List<RedisConnectionRegistry> _registries = [];
    private readonly List<ConnectionMultiplexer> _connections = [];

    public string Prefix { get; } = "test-" + Guid.NewGuid().ToString("N")[..12] + ":";

    /// <summary>A connection for looking at the keys directly.</summary>
    public ConnectionMultiplexer? Admin { get; private set; }

    public IDatabase Database => (Admin ?? throw new InvalidOperationException("No replica started yet.")).GetDatabase();

    public IServer Server => Admin!.GetServer(Admin.GetEndPoints()[0]);

    /// <summary>A registry, not started, on <paramref name="connection"/>; disposed with the set.</summary>
    public RedisConnectionRegistry CreateRegistry(ConnectionMultiplexer connection, TimeSpan? heartbeatTtl = null, TimeSpan? janitorInterval = null)
    {
        var registry = new RedisConnectionRegistry(
            connection,
            Options.Create(new ConnectionRegistryOptions
            {
                KeyPrefix = Prefix,
                HeartbeatTtl = heartbeatTtl ?? DefaultHeartbeatTtl,
                JanitorInterval = janitorInterval,
            }),
            TimeProvider.System,
            NullLogger<RedisConnectionRegistry>.Instance);
        _registries.Add(registry);
        return registry;
    }

    /// <summary>A multiplexer of its own, as a separate process would have; disposed with the set.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        Admin ??= await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true").WaitAsync(TestTimeouts.Default);
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(TestTimeouts.Default);
        _connections.Add(connection);
        return connection;
    }

    /// <summary>A started replica; <paramref name="connection"/> is where it talks to Redis (closing it simulates a crash).</summary>
    public async Task<(Replica Replica, ConnectionMultiplexer Connection)> StartAsync(TimeSpan? heartbeatTtl = null, TimeSpan? janitorInterval = null)
    {
        var connection = await ConnectAsync();
        var registry = CreateRegistry(connection, heartbeatTtl, janitorInterval);
        var sink = new RecordingSink();
        await registry.StartAsync(sink, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        return (new Replica(registry, sink), connection);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var registry in _registries)
        {
            await registry.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        }

        // Without allowCommandsToComplete, 1.2.6 closes at once instead of waiting a second per multiplexer.
        foreach (var connection in Admin is null ? _connections : [.. _connections, Admin])
        {
            connection.Close(allowCommandsToComplete: false);
            connection.Dispose();
        }
    }
}
