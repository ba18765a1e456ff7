using System.Text;
using Platform.ConnectionHub.Registry;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>
/// The <see cref="IConnectionRegistry"/> contract on one replica; each concrete class runs it against one
/// implementation. Every test starts its own registry, so none sees another's connections.
/// </summary>
public abstract class ConnectionRegistryContractTests : IAsyncLifetime
{
    private const string OtherScope = "api2/prod";

    private readonly List<IAsyncDisposable> _started = [];

    public enum GoneCase
    {
        Unknown,
        Removed,
        OtherScope,
    }

    /// <summary>Whether the implementation shares its connections with other replicas.</summary>
    protected abstract bool ExpectedIsShared { get; }

    /// <summary>A new registry with state of its own, not started.</summary>
    protected abstract Task<IConnectionRegistry> CreateRegistryAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var registry in Enumerable.Reverse(_started))
        {
            await registry.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        }
    }

    [Fact]
    public async Task StartAsync_NewRegistry_HasAReplicaIdAndItsSharingMode()
    {
        // Arrange, Act
        var replica = await StartAsync();

        // Assert
        Assert.False(string.IsNullOrWhiteSpace(replica.Registry.ReplicaId));
        Assert.Equal(ExpectedIsShared, replica.Registry.IsShared);
    }

    [Fact]
    public async Task AddAsync_FullRecord_GetAsyncReturnsItUnchanged()
    {
        // Arrange
        var replica = await StartAsync();
        var record = new ConnectionRecord
        {
            ConnectionId = Replica.NewConnectionId(),
            Scope = Replica.Scope,
            ReplicaId = replica.Registry.ReplicaId,
            ConnectedAt = new DateTimeOffset(2025, 3, 1, 8, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            LastActiveAt = new DateTimeOffset(2025, 3, 1, 8, 31, 0, TimeSpan.Zero),
            SourceIp = "203.0.113.7",
            UserAgent = "Mozilla/5.0 (X11; Linux) Zoë/1.0",
            Authorizer = """{"principalId":"user-1","tier":"gold"}""",
            Kind = ConnectionKind.SignalR,
        };

        // Act
        await replica.Registry.AddAsync(record, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var read = await replica.Registry.GetAsync(Replica.Scope, record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(record, read);
        Assert.Equal(record.ConnectedAt.Offset, read!.ConnectedAt.Offset);
    }

    [Fact]
    public async Task AddAsync_MinimalRecord_GetAsyncReturnsNullOptionalFields()
    {
        // Arrange
        var replica = await StartAsync();

        // Act
        var record = await replica.ConnectAsync();
        var read = await replica.Registry.GetAsync(Replica.Scope, record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(record, read);
        Assert.Null(read!.SourceIp);
        Assert.Equal(ConnectionKind.WebSocket, read.Kind);
    }

    [Fact]
    public async Task AddAsync_RecordOfAnotherReplica_Throws()
    {
        // Arrange
        var replica = await StartAsync();
        var record = new ConnectionRecord
        {
            ConnectionId = Replica.NewConnectionId(),
            Scope = Replica.Scope,
            ReplicaId = "someone-else",
            ConnectedAt = DateTimeOffset.UtcNow,
        };

        // Act, Assert
        await Assert.ThrowsAsync<ArgumentException>(() => replica.Registry.AddAsync(record, CancellationToken.None).WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task RemoveAsync_Registered_ReturnsTrueOnceAndGetAsyncReturnsNull()
    {
        // Arrange
        var replica = await StartAsync();
        var record = await replica.ConnectAsync();

        // Act
        var first = await replica.Registry.RemoveAsync(record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var second = await replica.Registry.RemoveAsync(record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var read = await replica.Registry.GetAsync(Replica.Scope, record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.Null(read);
    }

    [Fact]
    public async Task RemoveAsync_ConcurrentCallers_ExactlyOneGetsTrue()
    {
        // Arrange
        var replica = await StartAsync();
        var record = await replica.ConnectAsync();

        // Act
        var removals = Enumerable.Range(0, 16)
            .Select(_ => Task.Run(() => replica.Registry.RemoveAsync(record.ConnectionId, CancellationToken.None)))
            .ToList();
        var results = await Task.WhenAll(removals).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Single(results, removed => removed);
    }

    [Theory]
    [InlineData(GoneCase.Unknown)]
    [InlineData(GoneCase.Removed)]
    [InlineData(GoneCase.OtherScope)]
    public async Task CallsForAConnection_ThatIsGone_AnswerGone(GoneCase gone)
    {
        // Arrange
        var replica = await StartAsync();
        var record = await replica.ConnectAsync();
        var id = gone == GoneCase.Unknown ? Replica.NewConnectionId() : record.ConnectionId;
        var scope = gone == GoneCase.OtherScope ? OtherScope : Replica.Scope;
        if (gone == GoneCase.Removed)
        {
            await replica.Registry.RemoveAsync(id, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        }

        // Act
        var registry = replica.Registry;
        var get = await registry.GetAsync(scope, id, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var send = await registry.SendAsync(scope, id, Bytes("hello"), CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var join = await registry.JoinAsync(scope, id, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var leave = await registry.LeaveAsync(scope, id, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var close = await registry.CloseAsync(scope, id, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var members = await registry.GetRoomMembersAsync(scope, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(get);
        Assert.Equal([DeliveryStatus.Gone, DeliveryStatus.Gone, DeliveryStatus.Gone, DeliveryStatus.Gone], [send, join, leave, close]);
        Assert.Empty(members);
        Assert.Empty(replica.Sink.Events);
    }

    [Fact]
    public async Task SendAsync_LiveConnection_ReachesItsSocket()
    {
        // Arrange
        var replica = await StartAsync();
        var record = await replica.ConnectAsync();

        // Act
        var status = await replica.Registry.SendAsync(Replica.Scope, record.ConnectionId, Bytes("hello"), CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(DeliveryStatus.Delivered, status);
        var sent = await replica.Sink.WaitForAsync(SinkEventKind.Sent, record.ConnectionId);
        Assert.Equal("hello", sent.Payload);
    }

    [Fact]
    public async Task SendAsync_SocketNoLongerOpen_AnswersGone()
    {
        // Arrange
        var replica = await StartAsync();
        var record = await replica.ConnectAsync();
        replica.Sink.Drop(record.ConnectionId);

        // Act
        var status = await replica.Registry.SendAsync(Replica.Scope, record.ConnectionId, Bytes("hello"), CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(DeliveryStatus.Gone, status);
    }

    [Fact]
    public async Task CloseAsync_LiveConnection_ClosesItsSocket()
    {
        // Arrange
        var replica = await StartAsync();
        var record = await replica.ConnectAsync();

        // Act
        var status = await replica.Registry.CloseAsync(Replica.Scope, record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(DeliveryStatus.Delivered, status);
        await replica.Sink.WaitForAsync(SinkEventKind.Closed, record.ConnectionId);
    }

    [Fact]
    public async Task BroadcastAsync_AfterJoins_ReachesEveryMemberButTheExceptedOne()
    {
        // Arrange
        var replica = await StartAsync();
        var (a, b, excepted, outsider) = (await replica.ConnectAsync(), await replica.ConnectAsync(), await replica.ConnectAsync(), await replica.ConnectAsync());
        foreach (var member in new[] { a, b, excepted })
        {
            Assert.Equal(DeliveryStatus.Delivered, await JoinAsync(replica, member, "lobby"));
        }

        // Act
        var count = await replica.Registry.BroadcastAsync(Replica.Scope, "lobby", Bytes("hi all"), excepted.ConnectionId, CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(3, count);
        Assert.Equal("hi all", (await replica.Sink.WaitForAsync(SinkEventKind.Sent, a.ConnectionId)).Payload);
        Assert.Equal("hi all", (await replica.Sink.WaitForAsync(SinkEventKind.Sent, b.ConnectionId)).Payload);
        // One replica delivers a broadcast to all its members at once: had they been sent to, they would be by now.
        Assert.Empty(replica.Sink.EventsFor(excepted.ConnectionId));
        Assert.Empty(replica.Sink.EventsFor(outsider.ConnectionId));
    }

    [Fact]
    public async Task JoinAsync_Twice_KeepsOneMembership()
    {
        // Arrange
        var replica = await StartAsync();
        var record = await replica.ConnectAsync();

        // Act
        await JoinAsync(replica, record, "lobby");
        var second = await JoinAsync(replica, record, "lobby");
        var count = await replica.Registry.BroadcastAsync(Replica.Scope, "lobby", Bytes("once"), null, CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(DeliveryStatus.Delivered, second);
        Assert.Equal(1, count);
        Assert.Equal([record.ConnectionId], await MembersAsync(replica, "lobby"));
        await replica.Sink.WaitForAsync(SinkEventKind.Sent, record.ConnectionId);
        Assert.Single(replica.Sink.EventsFor(record.ConnectionId));
    }

    [Fact]
    public async Task LeaveAsync_Member_NoLongerReceivesBroadcasts()
    {
        // Arrange
        var replica = await StartAsync();
        var (stays, leaves) = (await replica.ConnectAsync(), await replica.ConnectAsync());
        await JoinAsync(replica, stays, "lobby");
        await JoinAsync(replica, leaves, "lobby");

        // Act
        var left = await replica.Registry.LeaveAsync(Replica.Scope, leaves.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var again = await replica.Registry.LeaveAsync(Replica.Scope, leaves.ConnectionId, "lobby", CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var count = await replica.Registry.BroadcastAsync(Replica.Scope, "lobby", Bytes("still here?"), null, CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal([DeliveryStatus.Delivered, DeliveryStatus.Delivered], [left, again]);
        Assert.Equal(1, count);
        Assert.Equal([stays.ConnectionId], await MembersAsync(replica, "lobby"));
        await replica.Sink.WaitForAsync(SinkEventKind.Sent, stays.ConnectionId);
        Assert.Empty(replica.Sink.EventsFor(leaves.ConnectionId));
    }

    [Fact]
    public async Task RemoveAsync_Member_DropsItsRoomMemberships()
    {
        // Arrange
        var replica = await StartAsync();
        var record = await replica.ConnectAsync();
        await JoinAsync(replica, record, "lobby");
        await JoinAsync(replica, record, "news");

        // Act
        await replica.Registry.RemoveAsync(record.ConnectionId, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var count = await replica.Registry.BroadcastAsync(Replica.Scope, "lobby", Bytes("anyone?"), null, CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(0, count);
        Assert.Empty(await MembersAsync(replica, "lobby"));
        Assert.Empty(await MembersAsync(replica, "news"));
    }

    [Fact]
    public async Task Rooms_OfTwoScopes_WithOneName_NeverMeet()
    {
        // Arrange
        var replica = await StartAsync();
        var (here, there) = (await replica.ConnectAsync(), await replica.ConnectAsync(OtherScope));
        await JoinAsync(replica, here, "lobby");
        Assert.Equal(DeliveryStatus.Delivered, await replica.Registry.JoinAsync(OtherScope, there.ConnectionId, "lobby", CancellationToken.None)
            .WaitAsync(TestTimeouts.Default));

        // Act
        var count = await replica.Registry.BroadcastAsync(OtherScope, "lobby", Bytes("other stage"), null, CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(1, count);
        Assert.Equal([here.ConnectionId], await MembersAsync(replica, "lobby"));
        await replica.Sink.WaitForAsync(SinkEventKind.Sent, there.ConnectionId);
        Assert.Empty(replica.Sink.EventsFor(here.ConnectionId));
    }

    [Fact]
    public async Task BroadcastAsync_EmptyRoom_ReturnsZero()
    {
        // Arrange
        var replica = await StartAsync();
        await replica.ConnectAsync();

        // Act
        var count = await replica.Registry.BroadcastAsync(Replica.Scope, "nobody-here", Bytes("echo"), null, CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Touch_LiveConnection_UpdatesLastActiveAt()
    {
        // Arrange
        var replica = await StartAsync();
        var record = await replica.ConnectAsync();
        var later = record.LastActiveAt.AddMinutes(5);

        // Act
        replica.Registry.Touch(record.ConnectionId, record.LastActiveAt.AddMinutes(2));
        replica.Registry.Touch(record.ConnectionId, later);

        // Assert
        await Poll.UntilAsync(
            async () => (await replica.Registry.GetAsync(Replica.Scope, record.ConnectionId, CancellationToken.None))?.LastActiveAt == later,
            "LastActiveAt is the latest touch");
    }

    /// <summary>Starts a registry from <see cref="CreateRegistryAsync"/> with a sink of its own; disposed after the test.</summary>
    private protected async Task<Replica> StartAsync()
    {
        var registry = await CreateRegistryAsync();
        _started.Add(registry);
        var sink = new RecordingSink();
        await registry.StartAsync(sink, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        return new Replica(registry, sink);
    }

    private protected static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static Task<DeliveryStatus> JoinAsync(Replica replica, ConnectionRecord record, string room) =>
        replica.Registry.JoinAsync(record.Scope, record.ConnectionId, room, CancellationToken.None).WaitAsync(TestTimeouts.Default);

    private static async Task<string[]> MembersAsync(Replica replica, string room) =>
        [.. (await replica.Registry.GetRoomMembersAsync(Replica.Scope, room, CancellationToken.None).WaitAsync(TestTimeouts.Default)).Order(StringComparer.Ordinal)];
}
