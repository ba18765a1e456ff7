using System.Diagnostics;
using Platform.ConnectionHub.Observability;

namespace Platform.ConnectionHub.Tests.Observability;

/// <summary>
/// Records every span that stops while it lives, from the sources production listens to (the hub's, ASP.NET
/// Core's and HttpClient's), so a test sees the whole chain: client → handshake request → event → integration →
/// outgoing call → the function's own request span.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    public const string AspNetCore = "Microsoft.AspNetCore";
    public const string HttpClient = "System.Net.Http";

    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name is HubTelemetry.Name or AspNetCore or HttpClient,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Recorded<Activity> Spans { get; } = new();

    /// <summary>The hub's span of one event, e.g. <c>WebSocket $connect</c>, of the given connection.</summary>
    public Task<Activity> EventAsync(string routeKey, string connectionId) =>
        Spans.FirstAsync(
            s => s.Source.Name == HubTelemetry.Name && s.DisplayName == "WebSocket " + routeKey && Equals(s.GetTagItem("apigateway.connection_id"), connectionId),
            $"the span of {routeKey} on {connectionId}");

    /// <summary>The single child of <paramref name="parent"/> from <paramref name="source"/>.</summary>
    public Activity ChildOf(Activity parent, string source) =>
        Assert.Single(Spans.Snapshot(), s => s.Source.Name == source && s.TraceId == parent.TraceId && s.ParentSpanId == parent.SpanId);

    public void Dispose() => _listener.Dispose();
}
