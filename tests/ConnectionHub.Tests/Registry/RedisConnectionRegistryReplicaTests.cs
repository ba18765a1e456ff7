using System.Diagnostics.CodeAnalysis;
using System.Text;
using Platform.ConnectionHub.Registry;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>Two live hub replicas on one redis-server: commands and rooms across replicas, and the key layout.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the replicas through IAsyncLifetime.DisposeAsync.")]
public sealed class RedisConnectionRegistryReplicaTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Scope = Replica.Scope;

    private readonly RedisReplicaSet _replicas = new(redis);
    private Replica _a = null!;
    private Replica _b = null!;

    public async Task InitializeAsync()
    {
        _a = (await _replicas.StartAsync()).Replica;
        _b = (await _replicas.StartAsync()).Replica;
    }

    public async Task DisposeAsync() => await _replicas.DisposeAsync();

    [Fact]
    public async Task SendAsync_ConnectionOnOtherReplica_ReachesItsOwnersSocket()
    {
        // Arrange
        var record = await _b.ConnectAsync();

        // Act
        var status = await _a.Registry.SendAsync(Scope, record.ConnectionId, Bytes("from a"), CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(DeliveryStatus.Delivered, status);
        Assert.Equal("from a", (await _b.Sink.WaitForAsync(SinkEventKind.Sent, record.ConnectionId)).Payload);
        Assert.Empty(_a.Sink.Events);
    }

    [Fact]
    public async Task SendAsync_ManyToOtherReplica_ArriveInOrder()
    {
        // Arrange
        var record = await _b.ConnectAsync();
        var expected = Enumerable.Range(0, 50).Select(i => $"message {i}").ToList();

        // Act
        foreach (var message in expected)
        {
            await _a.Registry.SendAsync(Scope, record.ConnectionId, Bytes(message), CancellationToken.None).WaitAsync(TestTimeouts.Default);
        }

        // Assert
        await _b.Sink.WaitUntilAsync(events => events.Count == expected.Count);
        Assert.Equal(expected, _b.Sink.Events.Select(e => e.Payload));
    }

    [Fact]
    public async Task GetAsync_ConnectionOnOtherReplica_ReturnsItsRecord()
    {
        // Arrange
        var record = await _b.ConnectAsync();

        // Act
        var read = await _a.Registry.GetAsync(Scope, record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(record, read);
    }

    [Fact]
    public async Task CloseAsync_ConnectionOnOtherReplica_ClosesItOnItsOwner()
    {
        // Arrange
        var record = await _b.ConnectAsync();

        // Act
        var status = await _a.Registry.CloseAsync(Scope, record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(DeliveryStatus.Delivered, status);
        await _b.Sink.WaitForAsync(SinkEventKind.Closed, record.ConnectionId);
    }

    [Fact]
    public async Task BroadcastAsync_RightAfterRemoteJoins_ReachesMembersOnBothReplicasButNotTheExcepted()
    {
        // Arrange: every join is made on A, so B's members learn of it through B's command channel.
        var onA = await _a.ConnectAsync();
        var (onB, exceptedOnB, outsiderOnB) = (await _b.ConnectAsync(), await _b.ConnectAsync(), await _b.ConnectAsync());
        foreach (var member in new[] { onA, onB, exceptedOnB })
        {
            Assert.Equal(DeliveryStatus.Delivered, await _a.Registry.JoinAsync(Scope, member.ConnectionId, "lobby", CancellationToken.None)
                .WaitAsync(TestTimeouts.Default));
        }

        // Act
        var count = await _a.Registry.BroadcastAsync(Scope, "lobby", Bytes("hi all"), exceptedOnB.ConnectionId, CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(3, count);
        await _a.Sink.WaitForAsync(SinkEventKind.Sent, onA.ConnectionId);
        await _b.Sink.WaitForAsync(SinkEventKind.Sent, onB.ConnectionId);
        // B delivers one broadcast to all its members at once, so the others would have it by now.
        Assert.Empty(_b.Sink.EventsFor(exceptedOnB.ConnectionId));
        Assert.Empty(_b.Sink.EventsFor(outsiderOnB.ConnectionId));
        var members = await _b.Registry.GetRoomMembersAsync(Scope, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);
        Assert.Equal(new[] { onA, onB, exceptedOnB }.Select(r => r.ConnectionId).Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LeaveAsync_FromOtherReplica_MemberNoLongerReceivesBroadcasts()
    {
        // Arrange
        var (stays, leaves) = (await _b.ConnectAsync(), await _b.ConnectAsync());
        await _b.Registry.JoinAsync(Scope, stays.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);
        await _b.Registry.JoinAsync(Scope, leaves.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Act
        var status = await _a.Registry.LeaveAsync(Scope, leaves.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var count = await _a.Registry.BroadcastAsync(Scope, "lobby", Bytes("who is left"), null, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(DeliveryStatus.Delivered, status);
        Assert.Equal(1, count);
        await _b.Sink.WaitForAsync(SinkEventKind.Sent, stays.ConnectionId);
        Assert.Empty(_b.Sink.EventsFor(leaves.ConnectionId));
    }

    [Fact]
    public async Task RemoveAsync_FromOtherReplica_OwnerStopsDeliveringBroadcastsToIt()
    {
        // Arrange: the removed connection's socket stays open on B, as if its close were still under way.
        var (stays, removed) = (await _b.ConnectAsync(), await _b.ConnectAsync());
        await _b.Registry.JoinAsync(Scope, stays.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);
        await _b.Registry.JoinAsync(Scope, removed.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Act
        var wasRemoved = await _a.Registry.RemoveAsync(removed.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        await _a.Registry.BroadcastAsync(Scope, "lobby", Bytes("after remove"), null, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.True(wasRemoved);
        await _b.Sink.WaitForAsync(SinkEventKind.Sent, stays.ConnectionId);
        Assert.Empty(_b.Sink.EventsFor(removed.ConnectionId));
    }

    [Fact]
    public async Task RemoveAsync_FromBothReplicasConcurrently_ExactlyOneGetsTrueForEachConnection()
    {
        // Arrange
        var records = new List<ConnectionRecord>();
        for (var i = 0; i < 20; i++)
        {
            records.Add(await (i % 2 == 0 ? _a : _b).ConnectAsync());
        }

        // Act
        var results = await Task.WhenAll(records.Select(async record =>
        {
            var fromA = Task.Run(() => _a.Registry.RemoveAsync(record.ConnectionId, CancellationToken.None));
            var fromB = Task.Run(() => _b.Registry.RemoveAsync(record.ConnectionId, CancellationToken.None));
            return await Task.WhenAll(fromA, fromB);
        })).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.All(results, pair => Assert.Single(pair, removed => removed));
    }

    [Fact]
    public async Task AddAndJoin_WriteTheDocumentedKeyLayout()
    {
        // Arrange
        var record = await _a.ConnectAsync();
        var prefix = _replicas.Prefix;
        var db = _replicas.Database;

        // Act
        await _a.Registry.JoinAsync(Scope, record.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        var hash = (await db.HashGetAllAsync($"{prefix}conn:{record.ConnectionId}").WaitAsync(TestTimeouts.Default))
            .ToDictionary(entry => (string)entry.Name!, entry => (string)entry.Value!);
        Assert.Equal(["connectedAt", "connectionId", "kind", "lastActiveAt", "replicaId", "scope"], hash.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(record.ConnectedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), hash["connectedAt"]);
        Assert.Equal(_a.Registry.ReplicaId, hash["replicaId"]);
        Assert.Equal("WebSocket", hash["kind"]);
        Assert.Equal([$"{Scope}/lobby"], await MembersAsync(db, $"{prefix}conn-rooms:{record.ConnectionId}"));
        Assert.Equal([record.ConnectionId], await MembersAsync(db, $"{prefix}room:{Scope}/lobby"));
        Assert.Equal([record.ConnectionId], await MembersAsync(db, $"{prefix}replica-conns:{_a.Registry.ReplicaId}"));
        Assert.Equal(new[] { _a.Registry.ReplicaId, _b.Registry.ReplicaId }.Order(StringComparer.Ordinal), await MembersAsync(db, $"{prefix}replicas"));
        var ttl = await db.KeyTimeToLiveAsync($"{prefix}replica:{_a.Registry.ReplicaId}").WaitAsync(TestTimeouts.Default);
        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), RedisReplicaSet.DefaultHeartbeatTtl);
        var subscribers = await _replicas.Server.SubscriptionSubscriberCountAsync($"{prefix}replica:{_a.Registry.ReplicaId}:commands")
            .WaitAsync(TestTimeouts.Default);
        Assert.Equal(1, subscribers);
    }

    [Fact]
    public async Task Touch_RemovedConnection_DoesNotRecreateItsRecord()
    {
        // Arrange
        var (removed, live) = (await _a.ConnectAsync(), await _a.ConnectAsync());
        await _a.Registry.RemoveAsync(removed.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var later = live.LastActiveAt.AddMinutes(1);

        // Act
        _a.Registry.Touch(removed.ConnectionId, later);
        _a.Registry.Touch(live.ConnectionId, later);
        await Poll.UntilAsync(async () => (await _a.Registry.GetAsync(Scope, live.ConnectionId, CancellationToken.None))?.LastActiveAt == later,
            "the live connection's touch is written");
        // A flush writes its touches in one pipeline; a second flush, once visible, proves the first one done.
        _a.Registry.Touch(live.ConnectionId, later.AddMinutes(1));
        await Poll.UntilAsync(async () => (await _a.Registry.GetAsync(Scope, live.ConnectionId, CancellationToken.None))?.LastActiveAt == later.AddMinutes(1),
            "a second flush is written");

        // Assert
        Assert.False(await _replicas.Database.KeyExistsAsync($"{_replicas.Prefix}conn:{removed.ConnectionId}").WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task StopAsync_Replica_DeletesItsHeartbeatAndStopsListening()
    {
        // Arrange
        var record = await _b.ConnectAsync();

        // Act
        await _b.Registry.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.False(await _replicas.Database.KeyExistsAsync($"{_replicas.Prefix}replica:{_b.Registry.ReplicaId}").WaitAsync(TestTimeouts.Default));
        Assert.Equal(DeliveryStatus.Gone, await _a.Registry.SendAsync(Scope, record.ConnectionId, Bytes("anyone?"), CancellationToken.None)
            .WaitAsync(TestTimeouts.Default));
        Assert.Empty(_b.Sink.Events);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("send")]
    [InlineData("close")]
    [InlineData("join")]
    [InlineData("leave")]
    [InlineData("remove")]
    [InlineData("members")]
    [InlineData("broadcast")]
    public async Task Call_ForConnectionOnOtherReplica_CostsOneRedisCommand(string call)
    {
        // Arrange: a replica of its own, so its multiplexer counts only this call (its timers are minutes away).
        var connection = await _replicas.ConnectAsync();
        var registry = _replicas.CreateRegistry(connection, heartbeatTtl: TimeSpan.FromMinutes(10));
        await registry.StartAsync(new RecordingSink(), CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var record = await _b.ConnectAsync();
        var before = connection.OperationCount;

        // Act
        Task act = call switch
        {
            "get" => registry.GetAsync(Scope, record.ConnectionId, CancellationToken.None),
            "send" => registry.SendAsync(Scope, record.ConnectionId, Bytes("one trip"), CancellationToken.None),
            "close" => registry.CloseAsync(Scope, record.ConnectionId, CancellationToken.None),
            "join" => registry.JoinAsync(Scope, record.ConnectionId, "lobby", CancellationToken.None),
            "leave" => registry.LeaveAsync(Scope, record.ConnectionId, "lobby", CancellationToken.None),
            "remove" => registry.RemoveAsync(record.ConnectionId, CancellationToken.None),
            "members" => registry.GetRoomMembersAsync(Scope, "lobby", CancellationToken.None),
            _ => registry.BroadcastAsync(Scope, "lobby", Bytes("one trip"), null, CancellationToken.None),
        };
        await act.WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(1, connection.OperationCount - before);
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<string[]> MembersAsync(IDatabase db, string key) =>
        [.. (await db.SetMembersAsync(key).WaitAsync(TestTimeouts.Default)).Select(value => (string)value!).Order(StringComparer.Ordinal)];
}
