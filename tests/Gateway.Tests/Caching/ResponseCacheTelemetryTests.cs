using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Pipeline;
using Platform.Testing;
using static Platform.Gateway.Tests.Caching.CacheDefinitions;

namespace Platform.Gateway.Tests.Caching;

/// <summary>
/// What the cache reports and how it behaves under concurrency and failure: AWS's CacheHitCount/CacheMissCount, the
/// CacheLookup span, misses on one key coalesced into one backend call, and a Redis that dies mid-run (requests
/// served by the backend, never a 5xx; failures counted and logged once). Listeners are process-wide, so these
/// tests run alone.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class ResponseCacheTelemetryTests(BackendFixture backend) : IClassFixture<BackendFixture>, IDisposable
{
    private readonly string _tag = "m" + Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly MeterListener _listener = new();
    private TaskCompletionSource _measured = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Requests_HitsAndMisses_CountedByApiStageRoute()
    {
        StartListening();
        await using var gateway = Start();

        using var miss = await GetAsync(gateway, "/catalog");
        using var hit1 = await GetAsync(gateway, "/catalog");
        using var hit2 = await GetAsync(gateway, "/catalog");
        using var bypass = await GetAsync(gateway, "/free", refresh: true);
        using var uncached = await GetAsync(gateway, "/uncached");

        var mine = _measurements.Where(m => m.Tags.TryGetValue("api", out var api) && Equals(api, "shop")).ToList();
        Assert.Equal(2, mine.Count(m => m.Instrument == "apigateway.CacheHitCount" && Equals(m.Tags["route"], "GET /catalog") && Equals(m.Tags["stage"], "prod")));
        Assert.Equal(1, mine.Count(m => m.Instrument == "apigateway.CacheMissCount" && Equals(m.Tags["route"], "GET /catalog")));
        Assert.Equal(1, mine.Count(m => m.Instrument == "apigateway.CacheMissCount" && Equals(m.Tags["route"], "GET /free")));
        Assert.DoesNotContain(mine, m => m.Instrument.StartsWith("apigateway.Cache", StringComparison.Ordinal) && Equals(m.Tags["route"], "GET /uncached"));
    }

    [Fact]
    public async Task Lookup_Traced_CacheLookupSpanWithHitAndKeyHash()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Platform.Gateway",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        await using var gateway = Start();

        using var miss = await GetAsync(gateway, "/items/7");
        using var hit = await GetAsync(gateway, "/items/7");

        var lookups = spans.Where(s => s.OperationName == "CacheLookup" && s.TagObjects.Any(t => t.Key == "apigateway.cache.key_hash")).ToList();
        Assert.Contains(lookups, s => Equals(s.GetTagItem("apigateway.cache.hit"), false));
        Assert.Contains(lookups, s => Equals(s.GetTagItem("apigateway.cache.hit"), true));
        var hashes = lookups.Select(s => (string)s.GetTagItem("apigateway.cache.key_hash")!).Distinct().ToList();
        Assert.Matches("^[0-9a-f]{16}$", Assert.Single(hashes));
        Assert.All(lookups, s => Assert.Equal("memory", s.GetTagItem("apigateway.cache.store")));
    }

    [Fact]
    public async Task ConcurrentMisses_OneKey_OneBackendCallAndTheOthersServedItsEntry()
    {
        StartListening();
        await using var gateway = Start();
        var gate = _tag + "-gate";

        var first = GetAsync(gateway, $"/catalog?gate={gate}");
        await Backend.Client.GetAsync(new Uri($"/counts/{_tag}.catalog?atLeast=1", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var second = GetAsync(gateway, $"/catalog?gate={gate}&other=1");
        await WaitForMeasurementAsync("apigateway.cache.coalesced");
        (await Backend.Client.PostAsync(new Uri($"/gates/{gate}", UriKind.Relative), null).WaitAsync(TestTimeouts.Default)).Dispose();

        using var filled = await first;
        using var shared = await second;

        Assert.Equal((1, 1), (Count(filled), Count(shared)));
        Assert.Equal(("Miss", "Hit"), (Header(filled, "X-Cache"), Header(shared, "X-Cache")));
        Assert.Equal(1, await CallsAsync("catalog"));
    }

    [Fact]
    public async Task ConcurrentMisses_FirstResponseNotStorable_TheOthersAskTheBackend()
    {
        StartListening();
        await using var gateway = Start();
        var gate = _tag + "-gate";

        var first = GetAsync(gateway, $"/catalog?gate={gate}&status=503");
        await Backend.Client.GetAsync(new Uri($"/counts/{_tag}.catalog?atLeast=1", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var second = GetAsync(gateway, $"/catalog?gate={gate}&status=503");
        await WaitForMeasurementAsync("apigateway.cache.coalesced");
        (await Backend.Client.PostAsync(new Uri($"/gates/{gate}", UriKind.Relative), null).WaitAsync(TestTimeouts.Default)).Dispose();

        using var failed = await first;
        using var retried = await second;

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (failed.StatusCode, retried.StatusCode));
        Assert.Equal((1, 2), (Count(failed), Count(retried)));
    }

    [Fact]
    public async Task RedisDies_RequestsServedByTheBackend_NoServerErrorAndOneWarning()
    {
        StartListening();
        var redis = new RedisServerFixture();
        await redis.InitializeAsync();
        try
        {
            await using var gateway = Start(new Dictionary<string, string?>
            {
                ["ConnectionStrings:redis"] = redis.ConnectionString + ",connectTimeout=1000",
                ["Gateway:Cache:KeyPrefix"] = _tag + ":",
            });
            using var stored = await GetAsync(gateway, "/catalog");
            using var hit = await GetAsync(gateway, "/catalog");
            Assert.Equal(("Miss", "Hit"), (Header(stored, "X-Cache"), Header(hit, "X-Cache")));

            using (var server = Process.GetProcessById(redis.ProcessId))
            {
                server.Kill();
                await server.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
            }

            var after = new List<HttpResponseMessage>();
            for (var i = 0; i < 3; i++)
            {
                after.Add(await GetAsync(gateway, "/catalog"));
            }

            using var flush = await FlushAsync(gateway);

            Assert.All(after, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Equal([2, 3, 4], after.Select(Count));
            Assert.All(after, r => Assert.Equal("Miss", Header(r, "X-Cache")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, flush.StatusCode);
            Assert.Equal("ServiceUnavailableException", Header(flush, "x-amzn-ErrorType"));
            Assert.Contains(_measurements, m => m.Instrument == "apigateway.cache.store_failures" && Equals(m.Tags["store"], "redis"));
            Assert.Single(gateway.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Response cache: the redis store failed", StringComparison.Ordinal));
            after.ForEach(r => r.Dispose());
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    public void Dispose() => _listener.Dispose();

    private BackendProcess Backend => backend.Backend;

    private KestrelGateway Start(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Gateway:Cache:XCacheHeader"] = "true" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return KestrelGateway.Start(Json(Backend.BaseAddress, _tag), settings);
    }

    private static async Task<HttpResponseMessage> GetAsync(KestrelGateway gateway, string path, bool refresh = false)
    {
        using var request = Get(gateway.Address, path, refresh);
        return await gateway.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
    }

    private static async Task<HttpResponseMessage> FlushAsync(KestrelGateway gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(gateway.Address, "/_gateway/restapis/shop/stages/prod/cache/data"));
        await Signer("apigateway").SignAsync(request).WaitAsync(TestTimeouts.Default);
        return await gateway.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
    }

    private async Task<int> CallsAsync(string route)
    {
        var counts = await Backend.Client.GetFromJsonAsync<Dictionary<string, int>>($"/counts/{_tag}.{route}").WaitAsync(TestTimeouts.Default);
        return counts!["n"];
    }

    private void StartListening()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Platform.Gateway" && instrument.Name.StartsWith("apigateway.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, tag) in tags)
            {
                copy[key] = tag;
            }

            _measurements.Enqueue((instrument.Name, value, copy));
            Interlocked.Exchange(ref _measured, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        });
        _listener.Start();
    }

    /// <summary>Waits, woken by each measurement, until one of <paramref name="instrument"/> for API <c>shop</c> has been recorded.</summary>
    private async Task WaitForMeasurementAsync(string instrument)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (true)
        {
            var next = Volatile.Read(ref _measured).Task;
            if (_measurements.Any(m => m.Instrument == instrument && m.Tags.TryGetValue("api", out var api) && Equals(api, "shop")))
            {
                return;
            }

            await next.WaitAsync(deadline.Token);
        }
    }
}
