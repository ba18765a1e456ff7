using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Platform.ConnectionHub.Tests.Infrastructure;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.ConnectionHub.Tests.Replicas;

/// <summary>
/// Two hub replicas in process on one real Redis and one functions backend: any replica accepts any
/// <c>@connections</c> call, for a connection whichever replica holds its socket.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the replicas and the client through IAsyncLifetime.DisposeAsync.")]
public sealed class CrossReplicaTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _signed = HubServer.SignedClient();
    private FunctionsBackend _functions = null!;
    private HubServer _a = null!;
    private HubServer _b = null!;

    public async Task InitializeAsync()
    {
        _functions = await FunctionsBackend.StartAsync();
        _a = new HubServer(_functions.BaseAddress, redis.ConnectionString);
        _b = new HubServer(_functions.BaseAddress, redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        _signed.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _functions.DisposeAsync();
    }

    [Fact]
    public async Task Post_ToTheOtherReplica_ReachesTheClient()
    {
        // Arrange
        var (socket, id) = await Socket.ConnectWithIdAsync(_a.WebSocketUri());
        await using var _ = socket;

        // Act
        var response = await _signed.PostAsync(Connections(_b, id), new StringContent("""{"via":"b"}"""));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"via":"b"}""", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task Get_OnTheOtherReplica_DescribesTheConnection()
    {
        // Arrange
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (socket, id) = await Socket.ConnectWithIdAsync(_a.WebSocketUri());
        await using var _ = socket;

        // Act
        var response = await _signed.GetAsync(Connections(_b, id));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var connectedAt = DateTimeOffset.Parse(body.GetProperty("connectedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(connectedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("127.0.0.1", body.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("lastActiveAt").ValueKind);
    }

    [Fact]
    public async Task Delete_OnTheOtherReplica_ClosesTheSocketAndRunsDisconnectOnce()
    {
        // Arrange
        var (socket, id) = await Socket.ConnectWithIdAsync(_a.WebSocketUri());
        await using var _ = socket;

        // Act
        var response = await _signed.DeleteAsync(Connections(_b, id));

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (status, reason) = await socket.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Equal("Connection deleted", reason);
        var disconnect = await _functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id), EventTimeout);
        Assert.Equal(1000, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        await AssertDisconnectedOnceAsync(id);
    }

    [Fact]
    public async Task Broadcast_FromOneReplica_ReachesTheMembersOnBothAndNoOneElse()
    {
        // Arrange: a member on each replica, each joined through the replica that does not hold it.
        var room = "room-" + Guid.NewGuid().ToString("N")[..8];
        var (onA, idOnA) = await Socket.ConnectWithIdAsync(_a.WebSocketUri());
        var (onB, idOnB) = await Socket.ConnectWithIdAsync(_b.WebSocketUri());
        var (outsider, outsiderId) = await Socket.ConnectWithIdAsync(_a.WebSocketUri());
        await using var _ = onA;
        await using var __ = onB;
        await using var ___ = outsider;
        Assert.Equal(HttpStatusCode.NoContent, (await _signed.PutAsync(Connections(_b, idOnA, $"/rooms/{room}"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _signed.PutAsync(Connections(_a, idOnB, $"/rooms/{room}"), null)).StatusCode);

        // Act
        var broadcast = await _signed.PostAsync(_b.HttpUri($"/chat/prod/@connections/@rooms/{room}"), new StringContent("to the room"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, broadcast.StatusCode);
        Assert.Equal(2, (await broadcast.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("members").GetInt32());
        Assert.Equal("to the room", await onA.ReceiveTextAsync());
        Assert.Equal("to the room", await onB.ReceiveTextAsync());
        // The outsider's first frame is a direct push sent after the broadcast: the broadcast skipped it.
        Assert.Equal(HttpStatusCode.OK, (await _signed.PostAsync(Connections(_b, outsiderId), new StringContent("direct"))).StatusCode);
        Assert.Equal("direct", await outsider.ReceiveTextAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_AfterTheClientClosed_Is410GoneExceptionFromEitherReplica(bool connectToA)
    {
        // Arrange
        var (socket, id) = await Socket.ConnectWithIdAsync((connectToA ? _a : _b).WebSocketUri());
        await socket.CloseAsync();
        await socket.DisposeAsync();
        await _functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id), EventTimeout);

        foreach (var replica in new[] { _a, _b })
        {
            // Act
            var response = await _signed.PostAsync(Connections(replica, id), new StringContent("anyone there?"));

            // Assert
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Equal("GoneException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        }
    }

    [Fact]
    public async Task Stop_OneReplica_ItRunsItsConnectionsDisconnectOnceAndLeavesNoHeartbeat()
    {
        // Arrange
        using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(EventTimeout);
        var database = admin.GetDatabase();
        var (socket, id) = await Socket.ConnectWithIdAsync(_a.WebSocketUri());
        await using var _ = socket;
        var replicaId = (string?)await database.HashGetAsync("hub:conn:" + id, "replicaId").WaitAsync(EventTimeout);
        Assert.NotNull(replicaId);

        // Act
        var closing = socket.ReceiveCloseAsync();
        await _a.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        // Assert: A closed the socket and ran $disconnect itself, then deleted its heartbeat, all before its stop
        // returned; B answers Gone at once.
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await closing).Status);
        var disconnect = await _functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id), EventTimeout);
        Assert.Equal(1001, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        Assert.False(await database.KeyExistsAsync("hub:replica:" + replicaId).WaitAsync(EventTimeout), "the stopped replica's heartbeat is still there");
        var response = await _signed.PostAsync(Connections(_b, id), new StringContent("anyone there?"));
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        // B's janitor forgets A once A has no connection left: no record of A remains for a second $disconnect.
        using var deadline = new CancellationTokenSource(EventTimeout);
        while (await database.SetContainsAsync("hub:replicas", replicaId).WaitAsync(EventTimeout))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }

        var (probe, probeId) = await Socket.ConnectWithIdAsync(_b.WebSocketUri());
        await probe.CloseAsync();
        await probe.DisposeAsync();
        await _functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", probeId), EventTimeout);
        Assert.Equal(1, _functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", id)));
    }

    private static Uri Connections(HubServer replica, string id, string suffix = "") =>
        replica.HttpUri($"/chat/prod/@connections/{Uri.EscapeDataString(id)}{suffix}");

    /// <summary>
    /// A second <c>$disconnect</c> for <paramref name="id"/> could come from either replica. A probe connection on
    /// each, opened and closed after the first, runs its own <c>$disconnect</c> there: once both are recorded,
    /// any duplicate already queued on either replica would have been recorded too.
    /// </summary>
    private async Task AssertDisconnectedOnceAsync(string id)
    {
        foreach (var replica in new[] { _a, _b })
        {
            var (probe, probeId) = await Socket.ConnectWithIdAsync(replica.WebSocketUri());
            await probe.CloseAsync();
            await probe.DisposeAsync();
            await _functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", probeId), EventTimeout);
        }

        Assert.Equal(1, _functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", id)));
    }
}
