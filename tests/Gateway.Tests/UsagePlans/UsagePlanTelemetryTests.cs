using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Platform.Gateway.Tests.Pipeline;
using static Platform.Gateway.Tests.UsagePlans.PlanDefinitions;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>The UsagePlan span (key, plan, decision, quota left) and the rejection counter, through the gateway in process.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class UsagePlanTelemetryTests
{
    [Fact]
    public async Task Requests_Decided_UsagePlanSpanPerDecision()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == "Platform.Gateway",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = GatewayApp.Start(Json);
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var key in new[] { SilverKey, SilverKey, SilverKey, SilverKey, "unknown-key-0123456789abcdef" })
        {
            using var response = await SendAsync(client, "/shop-beta/items", key);
            statuses.Add(response.StatusCode);
        }

        var usage = spans.Where(s => s.OperationName == "UsagePlan").ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.Forbidden], statuses);
        Assert.Equal(5, usage.Count);
        Assert.Equal(["allowed", "allowed", "allowed", "quota_exceeded", "invalid_api_key"], usage.Select(s => s.GetTagItem("apigateway.usage_plan.decision")));
        Assert.Equal([2L, 1L, 0L, 0L, null], usage.Select(s => s.GetTagItem("apigateway.usage_plan.quota_remaining")));
        Assert.All(usage.Take(4), s =>
        {
            Assert.Equal("silver-key", s.GetTagItem("apigateway.api_key.id"));
            Assert.Equal("silver", s.GetTagItem("apigateway.usage_plan"));
            Assert.Equal("memory", s.GetTagItem("apigateway.usage_plan.store"));
            Assert.Equal("HEADER", s.GetTagItem("apigateway.api_key.source"));
        });
        Assert.Null(usage[4].GetTagItem("apigateway.api_key.id"));
    }

    [Fact]
    public async Task Requests_Refused_RejectionsCountedByReason()
    {
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, l) =>
            {
                if (instrument.Meter.Name == "Platform.Gateway" && instrument.Name.StartsWith("apigateway.usageplan.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, _, tags, _) => measurements.Enqueue((i.Name, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, _, tags, _) => measurements.Enqueue((i.Name, ToDictionary(tags))));
        listener.Start();
        await using var app = GatewayApp.Start(Json);
        using var client = app.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            using var beta = await SendAsync(client, "/shop-beta/items", SilverKey);
        }

        for (var i = 0; i < 3; i++)
        {
            using var partner = await SendAsync(client, "/shop/partner/x", GoldKey);
        }

        var rejections = measurements.Where(m => m.Instrument == "apigateway.usageplan.rejections").Select(m => m.Tags).ToList();
        Assert.Equal(2, rejections.Count);
        Assert.Contains(rejections, t => Equals(t["reason"], "quota_exceeded") && Equals(t["usage_plan"], "silver") && Equals(t["stage"], "beta") && Equals(t["api"], "shop"));
        Assert.Contains(rejections, t => Equals(t["reason"], "throttled") && Equals(t["usage_plan"], "gold") && Equals(t["stage"], "prod"));
        Assert.Equal(7, measurements.Count(m => m.Instrument == "apigateway.usageplan.store.latency" && Equals(m.Tags["store"], "memory")));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("x-api-key", key);
        return await client.SendAsync(request).WaitAsync(TestTimeouts.Default);
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
