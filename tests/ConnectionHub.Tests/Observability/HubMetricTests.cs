using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Platform.ConnectionHub.Tests.Infrastructure;
using static Platform.ConnectionHub.Tests.Observability.MeasurementRecorder;

namespace Platform.ConnectionHub.Tests.Observability;

/// <summary>
/// The hub's AWS-named metrics over real sockets, by api and stage: ConnectCount, MessageCount by direction,
/// IntegrationError, ClientError by reason, ExecutionError and the per-replica ActiveConnections gauge. Each test
/// waits until the hub is done with its connections (their handshake request span stopped), then asserts exact
/// totals on its own hub's meter.
/// </summary>
[Collection(HubTelemetryCollection.Name)]
public sealed class HubMetricTests : IAsyncLifetime, IDisposable
{
    private static readonly (string, string) Api = ("api", ObservedApis.Api);
    private static readonly (string, string) Stage = ("stage", ObservedApis.Stage);

    private readonly SpanRecorder _spans = new();
    private FunctionsBackend _functions = null!;
    private HubServer _hub = null!;
    private MeasurementRecorder _metrics = null!;

    public async Task InitializeAsync()
    {
        _functions = await FunctionsBackend.StartAsync();
        _hub = new HubServer(_functions.BaseAddress, json: ObservedApis.Json);
        _metrics = new MeasurementRecorder(_hub.Services);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _functions.DisposeAsync();
    }

    public void Dispose()
    {
        _hub.Dispose();
        _metrics?.Dispose();
        _spans.Dispose();
    }

    [Fact]
    public async Task Connect_Accepted_CountsEachConnectionAndTheGaugeFollowsOpenConnections()
    {
        await using var first = await TracedConnection.OpenAsync(_hub, _spans);
        await using var second = await TracedConnection.OpenAsync(_hub, _spans);

        await _metrics.ReachesAsync(2, ConnectCount, Api, Stage);
        var whileBothOpen = _metrics.ObserveActiveConnections();
        await first.CloseAndWaitAsync();
        var afterOneClosed = _metrics.ObserveActiveConnections();
        await second.CloseAndWaitAsync();
        var afterBothClosed = _metrics.ObserveActiveConnections();

        Assert.Equal(2, whileBothOpen);
        Assert.Equal(1, afterOneClosed);
        Assert.Equal(0, afterBothClosed);
        var connects = _metrics.Measurements.Snapshot().Where(static m => m.Instrument == ConnectCount).ToList();
        Assert.Equal(2, connects.Count);
        Assert.All(connects, static m =>
        {
            Assert.Equal(1, m.Value);
            Assert.Equal(new Dictionary<string, object?> { ["api"] = ObservedApis.Api, ["stage"] = ObservedApis.Stage }, m.Tags);
        });
        Assert.Equal(0, _metrics.Count(ClientError));
    }

    [Fact]
    public async Task Connect_RejectedByTheConnectRoute_CountsClientErrorAndNoConnection()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var clientSpanId = ActivitySpanId.CreateRandom();
        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("traceparent", TracedConnection.Traceparent(traceId, clientSpanId));
        using var cts = new CancellationTokenSource(Socket.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(_hub.WebSocketUri(ObservedApis.Api, ObservedApis.Stage, "?reject=401"), cts.Token));
        await TracedConnection.HandshakeEndedAsync(_spans, traceId, clientSpanId);

        Assert.Equal(1, _metrics.Sum(ClientError, Api, Stage, ("reason", "connect_rejected")));
        Assert.Equal(1, _metrics.Count(ClientError));
        Assert.Equal(0, _metrics.Count(ConnectCount));
        Assert.Equal(0, _metrics.Count(IntegrationError));
        Assert.Equal(0, _metrics.ObserveActiveConnections());
    }

    [Fact]
    public async Task Connect_ConnectIntegrationFails_CountsIntegrationErrorAndNoConnection()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var clientSpanId = ActivitySpanId.CreateRandom();
        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("traceparent", TracedConnection.Traceparent(traceId, clientSpanId));
        client.Options.CollectHttpResponseDetails = true;
        using var cts = new CancellationTokenSource(Socket.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(_hub.WebSocketUri(ObservedApis.FailingConnectApi, ObservedApis.Stage), cts.Token));
        await TracedConnection.HandshakeEndedAsync(_spans, traceId, clientSpanId);

        Assert.Equal(HttpStatusCode.InternalServerError, client.HttpStatusCode);
        Assert.Equal(1, _metrics.Sum(IntegrationError, ("api", ObservedApis.FailingConnectApi), Stage));
        Assert.Equal(1, _metrics.Count(IntegrationError));
        Assert.Equal(0, _metrics.Count(ClientError));
        Assert.Equal(0, _metrics.Count(ConnectCount));
        Assert.Equal(0, _metrics.Count(ExecutionError));
        Assert.Equal(0, _metrics.ObserveActiveConnections());
    }

    [Fact]
    public async Task Messages_ReceivedRepliedAndPushed_CountedByDirection()
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);
        using var signed = HubServer.SignedClient();

        await connection.Socket.SendAsync("""{"action":"oneway","n":1}""");
        await connection.Socket.SendAsync("""{"action":"oneway","n":2}""");
        await connection.Socket.SendAsync("""{"action":"echo","n":3}""");
        Assert.Contains("\"n\":3", await connection.Socket.ReceiveTextAsync(), StringComparison.Ordinal);
        using var pushed = await signed.PostAsync(
            _hub.HttpUri($"/{ObservedApis.Api}/{ObservedApis.Stage}/@connections/{Uri.EscapeDataString(connection.ConnectionId)}"), new StringContent("pushed"));
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.Equal("pushed", await connection.Socket.ReceiveTextAsync());
        await connection.CloseAndWaitAsync();

        // As AWS counts MessageCount: messages from the client, and to it (the route response and the push).
        Assert.Equal(3, _functions.Count(e => FunctionsBackend.Is(e, "MESSAGE", connection.ConnectionId)));
        Assert.Equal(3, _metrics.Sum(MessageCount, Api, Stage, ("direction", "in")));
        Assert.Equal(2, _metrics.Sum(MessageCount, Api, Stage, ("direction", "out")));
        Assert.Equal(5, _metrics.Count(MessageCount));
    }

    [Fact]
    public async Task Messages_IntegrationFailsOrIsUnreachable_CountIntegrationErrors()
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);

        await connection.Socket.SendAsync("""{"action":"fail"}""");
        var failed = await connection.Socket.ReceiveTextAsync();
        await connection.Socket.SendAsync("""{"action":"unreachable"}""");
        var unreachable = await connection.Socket.ReceiveTextAsync();
        await connection.CloseAndWaitAsync();

        Assert.Contains("Internal server error", failed, StringComparison.Ordinal);
        Assert.Contains("Internal server error", unreachable, StringComparison.Ordinal);
        Assert.Equal(2, _metrics.Sum(IntegrationError, Api, Stage));
        Assert.Equal(2, _metrics.Count(IntegrationError));
        // $connect, fail, unreachable and $disconnect each had one integration call.
        Assert.Equal(4, _metrics.Count(IntegrationLatency, Api, Stage));
        Assert.Equal(0, _metrics.Count(ClientError));
        Assert.Equal(0, _metrics.Count(ExecutionError));
    }

    [Fact]
    public async Task Message_Unroutable_CountsClientErrorNoRoute()
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);

        await connection.Socket.SendAsync("""{"action":"nowhere"}""");
        var reply = await connection.Socket.ReceiveTextAsync();
        await connection.CloseAndWaitAsync();

        Assert.Contains("Forbidden", reply, StringComparison.Ordinal);
        Assert.Equal(1, _metrics.Sum(ClientError, Api, Stage, ("reason", "no_route")));
        Assert.Equal(1, _metrics.Count(ClientError));
        Assert.Equal(1, _metrics.Sum(MessageCount, Api, Stage, ("direction", "in")));
        Assert.Equal(1, _metrics.Sum(MessageCount, Api, Stage, ("direction", "out")));
        Assert.Equal(0, _metrics.Count(IntegrationError));
    }

    [Theory]
    [InlineData("binary", WebSocketCloseStatus.InvalidMessageType)]
    [InlineData("frame_too_big", WebSocketCloseStatus.MessageTooBig)]
    [InlineData("message_too_big", WebSocketCloseStatus.MessageTooBig)]
    public async Task Message_RefusedFrame_ClosesAndCountsClientErrorWithTheReason(string reason, WebSocketCloseStatus expected)
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);
        var socket = connection.Socket;

        switch (reason)
        {
            case "binary":
                await socket.SendAsync([1, 2, 3], WebSocketMessageType.Binary);
                break;
            case "frame_too_big":
                await socket.SendAsync(Encoding.UTF8.GetBytes(new string('x', ObservedApis.MaxFrameBytes + 1)), WebSocketMessageType.Text);
                break;
            default:
                // Every frame within the frame limit, the message over the message limit.
                for (var sent = 0; sent <= ObservedApis.MaxMessageBytes; sent += ObservedApis.MaxFrameBytes)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(new string('x', ObservedApis.MaxFrameBytes)), WebSocketMessageType.Text, endOfMessage: false);
                }

                break;
        }

        var (status, _) = await socket.ReceiveCloseAsync();
        await connection.EndedAsync();

        Assert.Equal(expected, status);
        Assert.Equal(1, _metrics.Sum(ClientError, Api, Stage, ("reason", reason)));
        Assert.Equal(1, _metrics.Count(ClientError));
        Assert.Equal(0, _metrics.Count(MessageCount));
    }

    [Fact]
    public async Task Message_HubFailsWhileHandlingIt_CountsExecutionErrorAndKeepsTheConnection()
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);

        // A lone surrogate escape is valid JSON that System.Text.Json cannot turn into a string: route
        // selection itself throws, a failure of the hub rather than of the client or an integration.
        await connection.Socket.SendAsync("""{"action":"\ud800"}""");
        var failed = await connection.Socket.ReceiveTextAsync();
        await connection.Socket.SendAsync("""{"action":"echo","after":"failure"}""");
        var echoed = await connection.Socket.ReceiveTextAsync();
        await connection.CloseAndWaitAsync();

        Assert.Contains("Internal server error", failed, StringComparison.Ordinal);
        Assert.Contains(connection.ConnectionId, failed, StringComparison.Ordinal);
        Assert.Equal("""{"action":"echo","after":"failure"}""", echoed);
        Assert.Equal(1, _metrics.Sum(ExecutionError, Api, Stage));
        Assert.Equal(1, _metrics.Count(ExecutionError));
        Assert.Equal(0, _metrics.Count(IntegrationError));
        Assert.Equal(0, _metrics.Count(ClientError));
        Assert.Equal(1, _functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", connection.ConnectionId)));
    }
}
