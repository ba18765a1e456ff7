using System.Diagnostics;
using System.Net.WebSockets;
using Platform.ConnectionHub.Observability;
using Platform.ConnectionHub.Tests.Infrastructure;

namespace Platform.ConnectionHub.Tests.Observability;

/// <summary>
/// Spans over real sockets: a span per <c>$connect</c>, message and <c>$disconnect</c> with the integration call as
/// its child, W3C trace context from the client into <c>$connect</c> and from every event into its function.
/// </summary>
[Collection(HubTelemetryCollection.Name)]
public sealed class HubSpanTests : IAsyncLifetime, IDisposable
{
    private readonly SpanRecorder _spans = new();
    private FunctionsBackend _functions = null!;
    private HubServer _hub = null!;

    public async Task InitializeAsync()
    {
        _functions = await FunctionsBackend.StartAsync();
        _hub = new HubServer(_functions.BaseAddress, json: ObservedApis.Json);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _functions.DisposeAsync();
    }

    public void Dispose()
    {
        _hub.Dispose();
        _spans.Dispose();
    }

    [Fact]
    public async Task Connect_ClientSendsTraceparent_HandshakeParentsConnectSpanWhoseIntegrationCarriesTheTraceToTheFunction()
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);
        var connect = connection.ConnectSpan;
        var integration = _spans.ChildOf(connect, HubTelemetry.Name);
        var outgoing = _spans.ChildOf(integration, SpanRecorder.HttpClient);
        var function = await _spans.Spans.FirstAsync(s => s.Source.Name == SpanRecorder.AspNetCore && s.ParentSpanId == outgoing.SpanId, "the function's request span");
        await _functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "CONNECT", connection.ConnectionId));

        await connection.CloseAndWaitAsync();
        var handshake = await connection.EndedAsync();

        Assert.Equal(connection.ClientSpanId, handshake.ParentSpanId);
        Assert.Equal(connection.TraceId, connect.TraceId);
        Assert.Equal(handshake.SpanId, connect.ParentSpanId);
        AssertEventTags(connect, "$connect", connection.ConnectionId);
        Assert.Equal(200, connect.GetTagItem("apigateway.integration.status"));
        Assert.Equal("Integration", integration.OperationName);
        Assert.Equal(ActivityKind.Client, integration.Kind);
        Assert.Equal("connect", integration.GetTagItem("faas.invoked_name"));
        Assert.Equal("connect", integration.GetTagItem("apigateway.integration"));
        // The function's own request span continues the client's trace: the traceparent it received.
        Assert.Equal(connection.TraceId, function.TraceId);
    }

    [Fact]
    public async Task Message_CustomRoute_SpanNamedForTheRouteWithTheIntegrationAsChildAndItsContextAtTheFunction()
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);

        await connection.Socket.SendAsync("""{"action":"trace"}""");
        var received = await connection.Socket.ReceiveTextAsync();

        var message = await _spans.EventAsync("trace", connection.ConnectionId);
        var integration = _spans.ChildOf(message, HubTelemetry.Name);
        var outgoing = _spans.ChildOf(integration, SpanRecorder.HttpClient);
        AssertEventTags(message, "trace", connection.ConnectionId);
        Assert.Equal(ActivityStatusCode.Unset, message.Status);
        Assert.Equal("Integration", integration.OperationName);
        Assert.Equal("traceparent", integration.GetTagItem("faas.invoked_name"));
        Assert.Equal(200, integration.GetTagItem("http.response.status_code"));
        // The traceparent header the function received names the hub's call inside the message's trace.
        Assert.Equal(TracedConnection.Traceparent(message.TraceId, outgoing.SpanId), received);
    }

    [Fact]
    public async Task Message_OnAnOpenConnection_StartsItsOwnTraceLinkedToTheHandshake()
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);
        await connection.Socket.SendAsync("""{"action":"echo"}""");
        await connection.Socket.ReceiveTextAsync();
        await connection.Socket.SendAsync("""{"action":"echo"}""");
        await connection.Socket.ReceiveTextAsync();

        await connection.CloseAndWaitAsync();
        var handshake = await connection.EndedAsync();

        var messages = _spans.Spans.Snapshot().Where(s => s.DisplayName == "WebSocket echo" && Equals(s.GetTagItem("apigateway.connection_id"), connection.ConnectionId)).ToList();
        Assert.Equal(2, messages.Count);
        Assert.NotEqual(messages[0].TraceId, messages[1].TraceId);
        Assert.All(messages, message =>
        {
            // The handshake request lives as long as the connection: a child of it would make one endless trace.
            Assert.Equal(default, message.ParentSpanId);
            Assert.NotEqual(connection.TraceId, message.TraceId);
            var link = Assert.Single(message.Links);
            Assert.Equal(handshake.TraceId, link.Context.TraceId);
            Assert.Equal(handshake.SpanId, link.Context.SpanId);
        });
    }

    [Fact]
    public async Task Disconnect_ClientCloses_DisconnectSpanWithTheIntegrationAsChildLinkedToTheHandshake()
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);

        await connection.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");
        var handshake = await connection.EndedAsync();

        var disconnect = await _spans.EventAsync("$disconnect", connection.ConnectionId);
        var integration = _spans.ChildOf(disconnect, HubTelemetry.Name);
        var outgoing = _spans.ChildOf(integration, SpanRecorder.HttpClient);
        var function = await _spans.Spans.FirstAsync(s => s.Source.Name == SpanRecorder.AspNetCore && s.ParentSpanId == outgoing.SpanId, "the function's request span");
        AssertEventTags(disconnect, "$disconnect", connection.ConnectionId);
        Assert.Equal("disconnect", integration.GetTagItem("faas.invoked_name"));
        Assert.Equal(disconnect.TraceId, function.TraceId);
        Assert.Equal(default, disconnect.ParentSpanId);
        Assert.Equal(handshake.SpanId, Assert.Single(disconnect.Links).Context.SpanId);
    }

    [Fact]
    public async Task Message_IntegrationFails_EventAndIntegrationSpansAreErrors()
    {
        await using var connection = await TracedConnection.OpenAsync(_hub, _spans);

        await connection.Socket.SendAsync("""{"action":"fail"}""");
        Assert.Contains("Internal server error", await connection.Socket.ReceiveTextAsync(), StringComparison.Ordinal);

        var message = await _spans.EventAsync("fail", connection.ConnectionId);
        var integration = _spans.ChildOf(message, HubTelemetry.Name);
        Assert.Equal(ActivityStatusCode.Error, message.Status);
        Assert.Equal(ActivityStatusCode.Error, integration.Status);
        Assert.Contains("function 'fail' failed", integration.StatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_RouteRejects_ConnectSpanCarriesTheStatusInTheClientsTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var clientSpanId = ActivitySpanId.CreateRandom();

        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("traceparent", TracedConnection.Traceparent(traceId, clientSpanId));
        using var cts = new CancellationTokenSource(Socket.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(_hub.WebSocketUri(ObservedApis.Api, ObservedApis.Stage, "?reject=403"), cts.Token));
        var handshake = await TracedConnection.HandshakeEndedAsync(_spans, traceId, clientSpanId);

        var connect = Assert.Single(_spans.Spans.Snapshot(), s => s.DisplayName == "WebSocket $connect" && s.TraceId == traceId);
        Assert.Equal(handshake.SpanId, connect.ParentSpanId);
        Assert.Equal(403, connect.GetTagItem("apigateway.integration.status"));
        Assert.Equal(ActivityStatusCode.Unset, connect.Status);
        Assert.Equal("connect", _spans.ChildOf(connect, HubTelemetry.Name).GetTagItem("faas.invoked_name"));
    }

    private static void AssertEventTags(Activity span, string routeKey, string connectionId)
    {
        Assert.Equal(HubTelemetry.Name, span.Source.Name);
        Assert.Equal("WebSocket " + routeKey, span.DisplayName);
        Assert.Equal(ObservedApis.Api, span.GetTagItem("apigateway.api"));
        Assert.Equal(ObservedApis.Stage, span.GetTagItem("apigateway.stage"));
        Assert.Equal(routeKey, span.GetTagItem("apigateway.route"));
        Assert.Equal(connectionId, span.GetTagItem("apigateway.connection_id"));
        Assert.Matches("^[A-Za-z0-9][A-Za-z0-9_-]{14}=$", connectionId);
    }
}
