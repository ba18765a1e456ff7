using System.Diagnostics;
using Platform.ConnectionHub.Observability;
using Platform.ConnectionHub.Tests.Infrastructure;

namespace Platform.ConnectionHub.Tests.Observability;

/// <summary>
/// A client connection whose handshake carries a fresh W3C <c>traceparent</c>, which identifies its spans: the
/// hub's handshake request span (child of the client's span, open for the connection's whole life) and the
/// <c>$connect</c> span under it, which names the connection id.
/// </summary>
internal sealed class TracedConnection : IAsyncDisposable
{
    private readonly SpanRecorder _spans;

    private TracedConnection(Socket socket, SpanRecorder spans, ActivityTraceId traceId, ActivitySpanId clientSpanId, Activity connectSpan)
    {
        Socket = socket;
        _spans = spans;
        TraceId = traceId;
        ClientSpanId = clientSpanId;
        ConnectSpan = connectSpan;
        ConnectionId = (string)connectSpan.GetTagItem("apigateway.connection_id")!;
    }

    public Socket Socket { get; }

    public ActivityTraceId TraceId { get; }

    /// <summary>The client's span, the one its <c>traceparent</c> names.</summary>
    public ActivitySpanId ClientSpanId { get; }

    public Activity ConnectSpan { get; }

    public string ConnectionId { get; }

    public static string Traceparent(ActivityTraceId traceId, ActivitySpanId spanId) => $"00-{traceId}-{spanId}-01";

    public static async Task<TracedConnection> OpenAsync(HubServer hub, SpanRecorder spans, string api = ObservedApis.Api)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var clientSpanId = ActivitySpanId.CreateRandom();
        var socket = await Socket.ConnectAsync(hub.WebSocketUri(api, ObservedApis.Stage), o => o.SetRequestHeader("traceparent", Traceparent(traceId, clientSpanId)));
        var connect = await spans.Spans.FirstAsync(
            s => s.Source.Name == HubTelemetry.Name && s.DisplayName == "WebSocket $connect" && s.TraceId == traceId,
            "the $connect span of the handshake");
        return new TracedConnection(socket, spans, traceId, clientSpanId, connect);
    }

    /// <summary>
    /// The handshake request's span once it stopped: the hub has finished with the connection ($disconnect run,
    /// counters and gauge updated), so every measurement it causes is in.
    /// </summary>
    public Task<Activity> EndedAsync() => HandshakeEndedAsync(_spans, TraceId, ClientSpanId);

    /// <summary>The hub's span of a handshake request whose <c>traceparent</c> named this trace and client span, once stopped.</summary>
    public static Task<Activity> HandshakeEndedAsync(SpanRecorder spans, ActivityTraceId traceId, ActivitySpanId clientSpanId) =>
        spans.Spans.FirstAsync(
            s => s.Source.Name == SpanRecorder.AspNetCore && s.TraceId == traceId && s.ParentSpanId == clientSpanId,
            "the end of the handshake request");

    /// <summary>Closes from the client side and waits until the hub is done with the connection.</summary>
    public async Task CloseAndWaitAsync()
    {
        await Socket.CloseAsync();
        await EndedAsync();
    }

    public ValueTask DisposeAsync() => Socket.DisposeAsync();
}
