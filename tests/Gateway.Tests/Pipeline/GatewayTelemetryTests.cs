using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Pipeline;

/// <summary>
/// Spans (a request span with RouteMatch and Integration children), W3C trace context forwarded to the backend,
/// and the AWS-named metrics by api/stage/route — through the gateway in process and a real backend process.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class GatewayTelemetryTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    private string Definitions => $$"""
        {
          "apis": {
            "traced": {
              "protocol": "HTTP",
              "routes": {
                "ANY /echo/{proxy+}": { "integration": "backend" },
                "GET /status/{code}": { "integration": "status" }
              },
              "integrations": {
                "backend": { "integrationType": "HTTP_PROXY", "integrationUri": "{{backend.Backend.BaseAddress}}echo/{proxy}" },
                "status": { "integrationType": "HTTP_PROXY", "integrationUri": "{{backend.Backend.BaseAddress}}status/{code}" }
              },
              "stages": { "$default": {} }
            }
          },
          "domainNames": { "$default": { "apiMappings": [ { "apiMappingKey": "", "api": "traced", "stage": "$default" } ] } }
        }
        """;

    [Fact]
    public async Task Request_Traced_SpansNestedAndTraceContextForwarded()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Platform.Gateway" or "System.Net.Http",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/a");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var echoed = JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default))!;

        var forwarded = (string)echoed["headers"]!["traceparent"]!;
        Assert.Equal(traceId.ToString(), forwarded.Split('-')[1]);
        var server = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.TraceId == traceId);
        var routeMatch = Assert.Single(spans, s => s.OperationName == "RouteMatch" && s.TraceId == traceId);
        var integration = Assert.Single(spans, s => s.OperationName == "Integration" && s.TraceId == traceId);
        Assert.Equal(server.SpanId, routeMatch.ParentSpanId);
        Assert.Equal(server.SpanId, integration.ParentSpanId);
        Assert.Equal("GET ANY /echo/{proxy+}", server.DisplayName);
        Assert.Equal("traced", server.GetTagItem("apigateway.api"));
        Assert.Equal("ANY /echo/{proxy+}", routeMatch.GetTagItem("apigateway.route"));
        Assert.Equal("HttpProxy", integration.GetTagItem("apigateway.integration.type"));
        Assert.Equal(200, integration.GetTagItem("apigateway.integration.status"));
        // The backend's parent is the gateway's outgoing call, a child of the Integration span.
        var outgoing = Assert.Single(spans, s => s.Source.Name == "System.Net.Http" && s.TraceId == traceId);
        Assert.Equal(integration.SpanId, outgoing.ParentSpanId);
        Assert.Equal(outgoing.SpanId.ToString(), forwarded.Split('-')[2]);
    }

    [Fact]
    public async Task Requests_Served_CountErrorsAndLatenciesByApiStageRoute()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Platform.Gateway" && instrument.Name.StartsWith("apigateway.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        using var ok = await client.GetAsync(new Uri("/echo/x", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        using var notFound = await client.GetAsync(new Uri("/nothing", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        using var backend404 = await client.GetAsync(new Uri("/status/404", UriKind.Relative)).WaitAsync(TestTimeouts.Default);

        var mine = measurements.Where(m => Equals(m.Tags["api"], "traced")).ToList();
        Assert.Equal(3, mine.Count(m => m.Instrument == "apigateway.Count"));
        Assert.Equal(2, mine.Count(m => m.Instrument == "apigateway.4XXError"));
        Assert.DoesNotContain(mine, m => m.Instrument == "apigateway.5XXError");
        Assert.Equal(3, mine.Count(m => m.Instrument == "apigateway.Latency"));
        Assert.Equal(2, mine.Count(m => m.Instrument == "apigateway.IntegrationLatency"));
        Assert.Contains(mine, m => m.Instrument == "apigateway.Count" && Equals(m.Tags["route"], "ANY /echo/{proxy+}") && Equals(m.Tags["stage"], "$default"));
        Assert.Contains(mine, m => m.Instrument == "apigateway.4XXError" && Equals(m.Tags["route"], "-"));
        Assert.Contains(mine, m => m.Instrument == "apigateway.4XXError" && Equals(m.Tags["route"], "GET /status/{code}"));
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
