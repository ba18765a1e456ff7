using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Pipeline;

namespace Platform.Gateway.Tests.WebSockets;

/// <summary>
/// Tunnels in traces and metrics: the hub's parent span is the gateway's outgoing call, the request span names
/// the route <c>$connect</c>, and <c>apigateway.websocket.tunnels</c> counts open tunnels down to zero.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class WebSocketTelemetryTests(BackendFixture hub) : IClassFixture<BackendFixture>
{
    private const int ConcurrentTunnels = 200;

    [Fact]
    public async Task Connect_Traced_HubSeesTheGatewaysOutgoingSpan()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        var serverSpan = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Platform.Gateway" or "System.Net.Http",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                spans.Enqueue(span);
                if (span.Source.Name == "Microsoft.AspNetCore" && span.TraceId == traceId)
                {
                    serverSpan.TrySetResult(span);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var gateway = HubGateway.Start([hub.Backend.BaseAddress]);
        using var socket = await gateway.ConnectAsync("/chat", configure: options =>
            options.SetRequestHeader("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));

        var seen = await socket.WhoAmIAsync();
        await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);
        var server = await serverSpan.Task.WaitAsync(TestTimeouts.Default);

        var forwarded = seen.Header("traceparent")!.Split('-');
        Assert.Equal(traceId.ToString(), forwarded[1]);
        var integration = Assert.Single(spans, s => s.OperationName == "Integration" && s.TraceId == traceId);
        var outgoing = Assert.Single(spans, s => s.Source.Name == "System.Net.Http" && s.TraceId == traceId);
        Assert.Equal(outgoing.SpanId.ToString(), forwarded[2]);
        Assert.Equal(integration.SpanId, outgoing.ParentSpanId);
        Assert.Equal(server.SpanId, integration.ParentSpanId);
        Assert.Equal("ConnectionHub", integration.GetTagItem("apigateway.integration.type"));
        Assert.Equal(101, integration.GetTagItem("apigateway.integration.status"));
        Assert.Equal("GET $connect", server.DisplayName);
        Assert.Equal("$connect", server.GetTagItem("http.route"));
        Assert.Equal(HubGateway.Api, server.GetTagItem("apigateway.api"));
    }

    [Fact]
    public async Task Tunnels_ManyConcurrent_AllEchoAndCounterReturnsToZero()
    {
        await using var gateway = HubGateway.Start([hub.Backend.BaseAddress]);
        using var counter = new TunnelCounter(gateway.Services.GetRequiredService<IMeterFactory>());
        var sockets = new ClientWebSocket[ConcurrentTunnels];
        try
        {
            await Task.WhenAll(Enumerable.Range(0, ConcurrentTunnels).Select(async i => sockets[i] = await gateway.ConnectAsync("/chat")));

            var echoes = await Task.WhenAll(sockets.Select(async (socket, i) =>
            {
                await socket.SendTextAsync($"message {i}");
                return await socket.ReceiveTextAsync();
            }));
            var openAfterEcho = counter.Open;
            await Task.WhenAll(sockets.Select(socket => socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure)));
            await counter.WaitForZeroAsync();

            Assert.Equal(Enumerable.Range(0, ConcurrentTunnels).Select(i => $"message {i}"), echoes);
            Assert.Equal(ConcurrentTunnels, openAfterEcho);
            Assert.Equal(ConcurrentTunnels, counter.Peak);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket?.Dispose();
            }
        }
    }

    [Fact]
    public async Task Requests_Forwarded_CountedUnderHubRouteKeys()
    {
        var routes = new ConcurrentQueue<string>();
        var connectRecorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gateway = HubGateway.Start([hub.Backend.BaseAddress]);
        var scope = gateway.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == scope && instrument.Name == "apigateway.Count")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var (key, value) in tags)
            {
                if (key == "route")
                {
                    routes.Enqueue((string)value!);
                    if ((string)value! == "$connect")
                    {
                        connectRecorded.TrySetResult();
                    }
                }
            }
        });
        listener.Start();

        using (var response = await gateway.Client.PostAsync(new Uri("/chat/@connections/abc", UriKind.Relative), new StringContent("x")).WaitAsync(TestTimeouts.Default))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        using (var socket = await gateway.ConnectAsync("/chat"))
        {
            await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);
        }

        await connectRecorded.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(["@connections", "$connect"], routes);
    }
}
