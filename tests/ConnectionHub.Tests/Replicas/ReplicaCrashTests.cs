using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Platform.ConnectionHub.Tests.Infrastructure;
using Platform.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Platform.ConnectionHub.Tests.Replicas;

/// <summary>
/// <c>kill -9</c> of a hub replica running as a real process: the kernel drops its sockets and its Redis
/// connection, its heartbeat is neither refreshed nor deleted. The survivors must answer Gone for its connections
/// and run each one's <c>$disconnect</c> exactly once, within the heartbeat TTL plus a bounded margin.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the processes and clients through IAsyncLifetime.DisposeAsync.")]
public sealed class ReplicaCrashTests(RedisServerFixture redis, ITestOutputHelper output) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    /// <summary>Heartbeat TTL plus a margin for the janitor's period (a third of the TTL) and a loaded machine.</summary>
    private static readonly TimeSpan CrashDeadline = HubProcess.HeartbeatTtl + TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>A key prefix of this test's own, so no janitor of another test's replicas sees these.</summary>
    private readonly string _prefix = "crash-" + Guid.NewGuid().ToString("N")[..12] + ":";
    private readonly string _directory = Directory.CreateTempSubdirectory("hub-replicas-").FullName;
    private readonly List<HubProcess> _processes = [];
    private readonly List<Socket> _sockets = [];
    private readonly HttpClient _signed = HubServer.SignedClient();
    private FunctionsBackend _functions = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(ApisFile, TestApis.Json);
        _functions = await FunctionsBackend.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true").WaitAsync(RedisTimeout);
    }

    public async Task DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            await socket.DisposeAsync();
        }

        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _signed.Dispose();
        await _redis.CloseAsync();
        _redis.Dispose();
        await _functions.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string ApisFile => Path.Combine(_directory, "apis.json");

    private IDatabase Database => _redis.GetDatabase();

    [Fact]
    public async Task Kill9_OneReplica_ItsConnectionsAnswer410FromTheOtherAndEachRunsDisconnectOnce()
    {
        // Arrange: three connections on A, one on B.
        var (a, b) = await StartPairAsync();
        var onA = new List<(Socket Socket, string Id)>();
        for (var i = 0; i < 3; i++)
        {
            onA.Add(await ConnectAsync(a));
        }

        var (socketOnB, idOnB) = await ConnectAsync(b);
        var deadReplicaId = await ReplicaOfAsync(onA[0].Id);

        // Act
        var clock = Stopwatch.StartNew();
        a.Kill();
        await a.WaitForExitAsync();

        // Assert: A's clients lose their sockets without a close frame (nothing is left to send one).
        foreach (var (socket, _) in onA)
        {
            await Assert.ThrowsAsync<WebSocketException>(socket.ReceiveAsync);
        }

        // B answers Gone for each of A's connections: before A's heartbeat expires, because Redis dropped A's
        // subscription with its connection (the Route script finds no listener), and after, because it has expired.
        foreach (var (_, id) in onA)
        {
            await UntilGoneOnAsync(b, id, clock);
        }

        var gone = clock.Elapsed;
        foreach (var (_, id) in onA)
        {
            var disconnect = await WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id), clock, $"the $disconnect of {id}");
            var context = disconnect.GetProperty("requestContext");
            Assert.Equal("$disconnect", context.GetProperty("routeKey").GetString());
            Assert.Equal(1006, context.GetProperty("disconnectStatusCode").GetInt32());
            Assert.Equal("Going away: the connection's hub replica stopped", context.GetProperty("disconnectReason").GetString());
        }

        var disconnected = clock.Elapsed;
        output.WriteLine($"kill -9 -> 410 from B for all of A's connections: {gone.TotalMilliseconds:0} ms; "
            + $"-> every $disconnect recorded: {disconnected.TotalMilliseconds:0} ms (heartbeat TTL {HubProcess.HeartbeatTtl.TotalSeconds:0} s).");
        Assert.True(gone < CrashDeadline, $"B answered 410 for all of A's connections after {gone}, over {CrashDeadline}.\n{Outputs()}");
        Assert.True(disconnected < CrashDeadline, $"The $disconnects took {disconnected}, over {CrashDeadline}.\n{Outputs()}");

        await UntilCountsAreFinalAsync(deadReplicaId, [b]);
        foreach (var (_, id) in onA)
        {
            Assert.Equal(1, _functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", id)));
        }

        // B's own connection is untouched and still gets pushes.
        Assert.Equal(0, _functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", idOnB)));
        Assert.Equal(HttpStatusCode.OK, (await _signed.PostAsync(Connections(b, idOnB), new StringContent("still here"))).StatusCode);
        Assert.Equal("still here", await socketOnB.ReceiveTextAsync());
    }

    [Fact]
    public async Task Kill9_BeforeTheHeartbeatExpires_TheOtherReplicaAlreadyAnswers410ForEveryOperation()
    {
        // Arrange: A's heartbeat outlives the test, so only A's missing subscription can tell that it is dead.
        var (a, b) = await StartPairAsync(heartbeatTtlOfA: TimeSpan.FromMinutes(2));
        var (_, id) = await ConnectAsync(a);
        var deadReplicaId = await ReplicaOfAsync(id);

        // Act
        a.Kill();
        await a.WaitForExitAsync();
        await UntilAsync(
            async () => await _redis.GetServer(_redis.GetEndPoints()[0])
                .SubscriptionSubscriberCountAsync(new RedisChannel($"{_prefix}replica:{deadReplicaId}:commands", RedisChannel.PatternMode.Literal))
                .WaitAsync(RedisTimeout) == 0,
            "Redis has dropped the killed replica's subscription");

        // Assert
        Assert.True(await Database.KeyExistsAsync($"{_prefix}replica:{deadReplicaId}").WaitAsync(RedisTimeout), "A's heartbeat has expired already");
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Get, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, Connections(b, id)) { Content = method == HttpMethod.Post ? new StringContent("x") : null };
            using var response = await _signed.SendAsync(request);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Equal("GoneException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        }
    }

    [Fact]
    public async Task Kill9_ReplicaRestartedAtOnce_TwoSurvivorsRunEachOrphansDisconnectOnce()
    {
        // Arrange
        var (a, b) = await StartPairAsync();
        var onA = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            onA.Add((await ConnectAsync(a)).Id);
        }

        var deadReplicaId = await ReplicaOfAsync(onA[0]);

        // Act: A dies and is replaced at once, as an orchestrator restarts it; the restarted process is a new
        // replica whose janitor races B's for A's orphans.
        var clock = Stopwatch.StartNew();
        a.Kill();
        await a.WaitForExitAsync();
        var restarted = await StartAsync("A (restarted)");

        // Assert
        foreach (var id in onA)
        {
            await WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id), clock, $"the $disconnect of {id}");
        }

        await UntilCountsAreFinalAsync(deadReplicaId, [b, restarted]);
        foreach (var id in onA)
        {
            Assert.Equal(1, _functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", id)));
        }

        // The restarted replica serves, and the other replica reaches its connections.
        var (socket, newId) = await ConnectAsync(restarted);
        Assert.Equal(HttpStatusCode.OK, (await _signed.PostAsync(Connections(b, newId), new StringContent("welcome back"))).StatusCode);
        Assert.Equal("welcome back", await socket.ReceiveTextAsync());
    }

    private async Task<(HubProcess A, HubProcess B)> StartPairAsync(TimeSpan? heartbeatTtlOfA = null)
    {
        var a = StartAsync("A", heartbeatTtlOfA);
        var b = StartAsync("B");
        await Task.WhenAll(a, b);
        return (await a, await b);
    }

    private async Task<HubProcess> StartAsync(string name, TimeSpan? heartbeatTtl = null)
    {
        var process = await HubProcess.StartAsync(name, ApisFile, _functions.BaseAddress, redis.ConnectionString, _prefix, heartbeatTtl);
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    private async Task<(Socket Socket, string Id)> ConnectAsync(HubProcess replica)
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(replica.WebSocketUri());
        _sockets.Add(socket);
        return (socket, id);
    }

    private async Task<string> ReplicaOfAsync(string connectionId) =>
        (string?)await Database.HashGetAsync(_prefix + "conn:" + connectionId, "replicaId").WaitAsync(RedisTimeout)
        ?? throw new InvalidOperationException($"Connection {connectionId} has no record under {_prefix}.");

    /// <summary>Polls <c>POST @connections/{id}</c> on <paramref name="replica"/> until it answers 410 GoneException.</summary>
    private async Task UntilGoneOnAsync(HubProcess replica, string id, Stopwatch clock)
    {
        var answers = new List<string>();
        while (true)
        {
            using var response = await _signed.PostAsync(Connections(replica, id), new StringContent("are you there?"));
            if (response.StatusCode == HttpStatusCode.Gone)
            {
                Assert.Equal("GoneException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
                return;
            }

            answers.Add($"{(int)response.StatusCode} at {clock.ElapsedMilliseconds} ms");
            if (clock.Elapsed > CrashDeadline)
            {
                Assert.Fail($"{replica.Name} did not answer 410 for {id} within {CrashDeadline} of the kill; it answered {string.Join(", ", answers)}.\n{Outputs()}");
            }

            await Task.Delay(PollInterval);
        }
    }

    private async Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> predicate, Stopwatch clock, string what)
    {
        var left = CrashDeadline - clock.Elapsed;
        try
        {
            return await _functions.WaitForEventAsync(predicate, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No {what} within {CrashDeadline} of the kill.\n{Outputs()}");
            throw;
        }
    }

    /// <summary>
    /// Waits until the dead replica is forgotten (a survivor claimed its last connection, ran its $disconnect, and
    /// dropped the replica from the replica set), after which no record of it is left to claim; then a probe
    /// connection on each survivor, opened and closed, runs its own <c>$disconnect</c>. Once those are recorded,
    /// the DISCONNECT counts are final.
    /// </summary>
    private async Task UntilCountsAreFinalAsync(string deadReplicaId, IReadOnlyList<HubProcess> survivors)
    {
        await UntilAsync(
            async () => !await Database.SetContainsAsync(_prefix + "replicas", deadReplicaId).WaitAsync(RedisTimeout),
            $"a survivor has forgotten the dead replica {deadReplicaId}");
        foreach (var survivor in survivors)
        {
            var (probe, probeId) = await Socket.ConnectWithIdAsync(survivor.WebSocketUri());
            await probe.CloseAsync();
            await probe.DisposeAsync();
            await _functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", probeId), Socket.Timeout);
        }
    }

    private async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > CrashDeadline)
            {
                Assert.Fail($"Not true within {CrashDeadline}: {what}.\n{Outputs()}");
            }

            await Task.Delay(PollInterval);
        }
    }

    private static Uri Connections(HubProcess replica, string id) =>
        replica.HttpUri($"/chat/prod/@connections/{Uri.EscapeDataString(id)}");

    private string Outputs()
    {
        lock (_processes)
        {
            return string.Join('\n', _processes.Select(p => p.Output));
        }
    }
}
