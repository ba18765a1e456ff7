using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Gateway.Tests.Pipeline;
using Platform.Gateway.Tests.WebSockets;
using Platform.Gateway.Waf;
using Platform.Gateway.Waf.Rate;
using Platform.ServiceDefaults.Redis;
using Platform.Testing;
using static Platform.Gateway.Tests.Waf.WafApis;

namespace Platform.Gateway.Tests.Waf;

/// <summary>The WAF's metrics (matches by action, blocks by terminating rule, failed syncs) and its span.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class WafTelemetryTests
{
    private static readonly string Bots = """{ "byteMatch": { "fieldToMatch": "SINGLE_HEADER:user-agent", "positionalConstraint": "CONTAINS", "searchString": "sqlmap", "caseSensitive": false } }""";

    [Fact]
    public async Task Requests_Inspected_MatchesAndBlocksCountedAndSpanTagged()
    {
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var meters = Listen(measurements);
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == "Platform.Gateway",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        await using var app = GatewayApp.Start(With($"[{Rule("bots", 0, "COUNT", Bots)}, {Rule("sqli", 1, "BLOCK", Sqli())}]"));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("sqlmap/1.7");

        using var counted = await client.GetAsync(new Uri("/items", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        using var blocked = await client.GetAsync(new Uri("/items?id=1%20or%201=1--", UriKind.Relative)).WaitAsync(TestTimeouts.Default);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (counted.StatusCode, blocked.StatusCode));
        var matches = measurements.Where(static m => m.Instrument == "apigateway.waf.matches").Select(static m => $"{m.Tags["api"]}/{m.Tags["stage"]}/{m.Tags["acl"]}/{m.Tags["rule"]}/{m.Tags["action"]}").ToList();
        Assert.Equal(["shop/prod/guard/bots/COUNT", "shop/prod/guard/bots/COUNT", "shop/prod/guard/sqli/BLOCK"], matches);
        var block = Assert.Single(measurements, static m => m.Instrument == "apigateway.waf.blocked");
        Assert.Equal("sqli", block.Tags["rule"]);
        var wafSpans = spans.Where(static s => s.OperationName == "Waf").ToList();
        Assert.Equal(2, wafSpans.Count);
        Assert.Contains(wafSpans, static s => Equals(s.GetTagItem("apigateway.waf.action"), "COUNT") && Equals(s.GetTagItem("apigateway.waf.terminating_rule"), "Default_Action"));
        Assert.Contains(wafSpans, static s => Equals(s.GetTagItem("apigateway.waf.action"), "BLOCK") && Equals(s.GetTagItem("apigateway.waf.terminating_rule"), "sqli")
            && Equals(s.GetTagItem("apigateway.waf.acl"), "guard"));
    }

    [Fact]
    public async Task DefaultActionBlock_CountedAsDefaultAction()
    {
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var meters = Listen(measurements);
        await using var app = GatewayApp.Start(With("[]", defaultAction: "BLOCK"));
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/items", UriKind.Relative)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(measurements, static m => m.Instrument == "apigateway.waf.matches");
        Assert.Equal("Default_Action", Assert.Single(measurements, static m => m.Instrument == "apigateway.waf.blocked").Tags["rule"]);
    }

    [Fact]
    public async Task RedisUnreachable_EachFailedSyncCounted_LoggedOnceWithinTheInterval()
    {
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var meters = Listen(measurements);
        var logs = new LogBook();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var telemetry = new WafTelemetry(services.GetRequiredService<IMeterFactory>());
        var options = Options.Create(new WafOptions { RateSyncTimeout = TimeSpan.FromSeconds(1) });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:redis", $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200")])
            .Build();
        using var redis = new PlatformRedis(configuration, loggers.CreateLogger<PlatformRedis>());
        var limiter = new WafRateLimiter(options, TimeProvider.System, telemetry, loggers.CreateLogger<WafRateLimiter>());
        using var synchronizer = new WafRateSynchronizer(redis, limiter, options, TimeProvider.System, telemetry, loggers.CreateLogger<WafRateSynchronizer>());
        var rule = new RateRule("guard", "per-ip", 10, 60);
        limiter.Add(rule, 1);

        var first = await synchronizer.SyncAsync().WaitAsync(TestTimeouts.Default);
        var second = await synchronizer.SyncAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal((false, false), (first, second));
        Assert.Equal(2, measurements.Count(static m => m.Instrument == "apigateway.waf.rate.sync_failures"));
        Assert.Single(logs.Entries, static e => e.Message.Contains("Redis did not answer", StringComparison.Ordinal));
        Assert.Equal(1, limiter.CountOf(rule, 1));
    }

    private static MeterListener Listen(ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, l) =>
            {
                if (instrument.Meter.Name == "Platform.Gateway" && instrument.Name.StartsWith("apigateway.waf.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in tags)
            {
                dictionary[key] = value;
            }

            measurements.Enqueue((instrument.Name, dictionary));
        });
        listener.Start();
        return listener;
    }
}
