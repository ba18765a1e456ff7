using System.Diagnostics.CodeAnalysis;
using System.Text;
using Platform.ConnectionHub.Registry;
using Platform.Testing;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>
/// Replicas that die: a crash is simulated by closing the multiplexer under a replica, so its heartbeat is neither
/// refreshed nor deleted and its subscription drops, as when the process is killed.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the replicas through IAsyncLifetime.DisposeAsync.")]
public sealed class RedisConnectionRegistryFailoverTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Scope = Replica.Scope;

    /// <summary>Survivors look for dead replicas this often, so a dead one is found soon after its heartbeat expires.</summary>
    private static readonly TimeSpan FastJanitor = TimeSpan.FromMilliseconds(50);

    private readonly RedisReplicaSet _replicas = new(redis);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _replicas.DisposeAsync();

    [Fact]
    public async Task CrashedReplica_BeforeItsHeartbeatExpires_CallsForItsConnectionsAnswerGone()
    {
        // Arrange: a heartbeat that outlives the test, so only the missing subscriber can tell.
        var (dead, deadConnection) = await _replicas.StartAsync(heartbeatTtl: TimeSpan.FromMinutes(1));
        var (survivor, _) = await _replicas.StartAsync();
        var record = await dead.ConnectAsync();
        await dead.Registry.JoinAsync(Scope, record.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Act
        deadConnection.Close(allowCommandsToComplete: false);
        await Poll.UntilAsync(
            async () => await _replicas.Server.SubscriptionSubscriberCountAsync(CommandsChannel(dead)) == 0,
            "Redis has dropped the crashed replica's subscription");

        // Assert
        var registry = survivor.Registry;
        Assert.True(await _replicas.Database.KeyExistsAsync($"{_replicas.Prefix}replica:{dead.Registry.ReplicaId}").WaitAsync(TestTimeouts.Default));
        Assert.Null(await registry.GetAsync(Scope, record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.Equal(DeliveryStatus.Gone, await registry.SendAsync(Scope, record.ConnectionId, Bytes("hello?"), CancellationToken.None)
            .WaitAsync(TestTimeouts.Default));
        Assert.Equal(DeliveryStatus.Gone, await registry.CloseAsync(Scope, record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.Equal(DeliveryStatus.Gone, await registry.JoinAsync(Scope, record.ConnectionId, "news", CancellationToken.None)
            .WaitAsync(TestTimeouts.Default));
        Assert.Empty(await registry.GetRoomMembersAsync(Scope, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task CrashedReplica_AfterItsHeartbeatExpires_EachOrphanIsHandedToExactlyOneOfTwoRacingSurvivors()
    {
        // Arrange
        var (first, _) = await _replicas.StartAsync(janitorInterval: FastJanitor);
        var (second, _) = await _replicas.StartAsync(janitorInterval: FastJanitor);
        var (dead, deadConnection) = await _replicas.StartAsync(heartbeatTtl: TimeSpan.FromSeconds(1));
        var orphans = new List<ConnectionRecord>();
        for (var i = 0; i < 12; i++)
        {
            var record = await dead.ConnectAsync();
            await dead.Registry.JoinAsync(Scope, record.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);
            orphans.Add(record);
        }

        // Act
        deadConnection.Close(allowCommandsToComplete: false);
        await Poll.UntilAsync(
            async () => !await _replicas.Database.SetContainsAsync($"{_replicas.Prefix}replicas", dead.Registry.ReplicaId),
            "a survivor has claimed every orphan and forgotten the dead replica");

        // Assert: once forgotten, no record is left to claim, so the counts are final.
        var handed = first.Sink.Events.Concat(second.Sink.Events).Where(e => e.Kind == SinkEventKind.Orphaned).ToList();
        Assert.Equal(orphans.Select(r => r.ConnectionId).Order(StringComparer.Ordinal), handed.Select(e => e.ConnectionId).Order(StringComparer.Ordinal));
        Assert.All(handed, e => Assert.Equal(orphans.Single(r => r.ConnectionId == e.ConnectionId), e.Record));
        Assert.Empty(await first.Registry.GetRoomMembersAsync(Scope, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.False(await _replicas.Database.KeyExistsAsync($"{_replicas.Prefix}room:{Scope}/lobby").WaitAsync(TestTimeouts.Default));
        Assert.False(await _replicas.Database.KeyExistsAsync($"{_replicas.Prefix}replica-conns:{dead.Registry.ReplicaId}").WaitAsync(TestTimeouts.Default));
        Assert.Null(await first.Registry.GetAsync(Scope, orphans[0].ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task StoppedReplica_ConnectionsItLeft_AreHandedToASurvivor()
    {
        // Arrange
        var (survivor, _) = await _replicas.StartAsync(janitorInterval: FastJanitor);
        var (stopped, _) = await _replicas.StartAsync();
        var left = await stopped.ConnectAsync();

        // Act
        await stopped.Registry.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        var orphan = await survivor.Sink.WaitForAsync(SinkEventKind.Orphaned, left.ConnectionId);
        Assert.Equal(left, orphan.Record);
    }

    [Fact]
    public async Task HeartbeatLapse_WhileConnectionsWereClaimed_RecreatesTheHeartbeatAndClosesOnlyTheClaimedSockets()
    {
        // Arrange
        var (replica, _) = await _replicas.StartAsync(heartbeatTtl: TimeSpan.FromSeconds(1.5));
        var (claimed, kept) = (await replica.ConnectAsync(), await replica.ConnectAsync());
        var heartbeat = $"{_replicas.Prefix}replica:{replica.Registry.ReplicaId}";

        // Act: what a long pause looks like from inside: the heartbeat expired and a janitor claimed a connection.
        var lapse = _replicas.Database.CreateTransaction();
        _ = lapse.KeyDeleteAsync(heartbeat);
        _ = lapse.KeyDeleteAsync($"{_replicas.Prefix}conn:{claimed.ConnectionId}");
        _ = lapse.SetRemoveAsync($"{_replicas.Prefix}replica-conns:{replica.Registry.ReplicaId}", claimed.ConnectionId);
        Assert.True(await lapse.ExecuteAsync().WaitAsync(TestTimeouts.Default));

        // Assert
        await replica.Sink.WaitForAsync(SinkEventKind.Closed, claimed.ConnectionId);
        await Poll.UntilAsync(async () => await _replicas.Database.KeyExistsAsync(heartbeat), "the heartbeat is back");
        Assert.Equal(kept, await replica.Registry.GetAsync(Scope, kept.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.Empty(replica.Sink.EventsFor(kept.ConnectionId));
        Assert.False(await replica.Registry.RemoveAsync(claimed.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default));
    }

    private string CommandsChannel(Replica replica) => $"{_replicas.Prefix}replica:{replica.Registry.ReplicaId}:commands";

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
