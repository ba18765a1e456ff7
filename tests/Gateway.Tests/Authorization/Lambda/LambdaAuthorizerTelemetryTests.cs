using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Platform.Gateway.Tests.Pipeline;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>The Authorizer span's tags, the function call as its child, and the authorizer metrics, for a miss, a hit and a failure.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class LambdaAuthorizerTelemetryTests(LambdaAuthorizerFixture fixture) : IClassFixture<LambdaAuthorizerFixture>
{
    [Fact]
    public async Task MissThenHit_AuthorizerSpansTaggedAndFunctionCallNested()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Platform.Gateway" or "System.Net.Http",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var token = LambdaAuthorizerFixture.Token("allow-reports");

        var miss = await SendTracedAsync("/prod/reports/a", token);
        var hit = await SendTracedAsync("/prod/reports/b", token);

        var missSpan = Assert.Single(spans, s => s.OperationName == "Authorizer" && s.TraceId == miss);
        Assert.Equal("policy", missSpan.GetTagItem("apigateway.authorizer.name"));
        Assert.Equal("REQUEST", missSpan.GetTagItem("apigateway.authorizer.type"));
        Assert.Equal("authorizer", missSpan.GetTagItem("apigateway.authorizer.function"));
        Assert.Equal(200, missSpan.GetTagItem("apigateway.authorizer.invoke_status"));
        Assert.Equal(false, missSpan.GetTagItem("apigateway.authorizer.cache_hit"));
        Assert.Equal(true, missSpan.GetTagItem("apigateway.authorizer.allowed"));
        Assert.Equal("principal-" + token, missSpan.GetTagItem("apigateway.authorizer.principal_id"));
        var call = Assert.Single(spans, s => s.Source.Name == "System.Net.Http" && s.TraceId == miss && s.ParentSpanId == missSpan.SpanId);
        Assert.Contains("/2015-03-31/functions/authorizer/invocations", call.GetTagItem("url.full") as string, StringComparison.Ordinal);

        var hitSpan = Assert.Single(spans, s => s.OperationName == "Authorizer" && s.TraceId == hit);
        Assert.Equal(true, hitSpan.GetTagItem("apigateway.authorizer.cache_hit"));
        Assert.Null(hitSpan.GetTagItem("apigateway.authorizer.invoke_status"));
        Assert.DoesNotContain(spans, s => s.Source.Name == "System.Net.Http" && s.TraceId == hit && s.ParentSpanId == hitSpan.SpanId);
    }

    [Fact]
    public async Task MissHitAndFailure_LatencyByCacheHitAndErrorCounted()
    {
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Platform.Gateway" && instrument.Name.StartsWith("apigateway.authorizer.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, _, tags, _) => measurements.Enqueue((i.Name, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, _, tags, _) => measurements.Enqueue((i.Name, ToDictionary(tags))));
        listener.Start();
        var token = LambdaAuthorizerFixture.Token("allow-reports");

        using var miss = await fixture.Gateway.GetAsync("shop", "/prod/reports/a", token);
        using var hit = await fixture.Gateway.GetAsync("shop", "/prod/reports/b", token);
        using var failure = await fixture.Gateway.GetAsync("shop", "/prod/uncached", LambdaAuthorizerFixture.Token("boom"));

        Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
        var latencies = measurements.Where(m => m.Instrument == "apigateway.authorizer.latency").Select(m => m.Tags).ToList();
        Assert.Contains(latencies, t => Equals(t["authorizer"], "policy") && Equals(t["cache_hit"], false));
        Assert.Contains(latencies, t => Equals(t["authorizer"], "policy") && Equals(t["cache_hit"], true));
        var error = Assert.Single(measurements, m => m.Instrument == "apigateway.authorizer.errors");
        Assert.Equal("uncached", error.Tags["authorizer"]);
        Assert.Equal("AUTHORIZER_FAILURE", error.Tags["reason"]);
    }

    private async Task<ActivityTraceId> SendTracedAsync(string path, string token)
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = "shop.execute-api.localhost";
        request.Headers.Add("Authorization", token);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await fixture.Gateway.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return traceId;
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }
}
