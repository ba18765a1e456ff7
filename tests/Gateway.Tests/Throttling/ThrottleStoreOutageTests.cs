using System.Net;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Gateway.Tests.Throttling;

/// <summary>
/// Redis killed during load and brought back: no 5xx at any point; fail-open admits, fail-closed refuses with 429;
/// the outage is logged once (not per request) and requests do not wait on Redis each time; when Redis returns,
/// the shared buckets are enforced again.
/// </summary>
public sealed class ThrottleStoreOutageTests : IAsyncLifetime
{
    private const string Definitions = """
        {"apis": {"shop": {"protocol": "HTTP",
          "routes": {"GET /roomy": {"integration": "ok"}, "GET /tight": {"integration": "ok"}, "GET /after": {"integration": "ok"}},
          "integrations": {"ok": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200, "body": "ok"}}},
          "stages": {"prod": {"routeSettings": {
            "GET /roomy": {"throttlingRateLimit": 10, "throttlingBurstLimit": 100000},
            "GET /tight": {"throttlingRateLimit": 0.001, "throttlingBurstLimit": 3},
            "GET /after": {"throttlingRateLimit": 0.001, "throttlingBurstLimit": 3}}}}}},
         "domainNames": {"$default": {"apiMappings": [{"apiMappingKey": "", "api": "shop", "stage": "prod"}]}}}
        """;

    private readonly RedisServerFixture _redis = new();
    private KestrelGateway _open = null!;
    private KestrelGateway _closed = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _open = KestrelGateway.Start(Definitions, Settings("Open"));
        _closed = KestrelGateway.Start(Definitions, Settings("Closed"));
    }

    public async Task DisposeAsync()
    {
        await _open.DisposeAsync();
        await _closed.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisKilledDuringLoad_PolicyHonoured_NoServerErrors_RecoversWhenBack()
    {
        // Both have connected to Redis (the fail-closed one refuses until then: its first lease may not wait for the connection).
        await UntilAdmittedAsync(_open);
        await UntilAdmittedAsync(_closed);

        // Before: both enforce the shared bucket of /tight (3 tokens for both gateways together).
        var before = await GetAsync(_open, "tight", 2);
        before.AddRange(await GetAsync(_closed, "tight", 2));
        Assert.Equal([200, 200, 200, 429], before);
        Assert.All(await GetAsync(_open, "roomy", 20), s => Assert.Equal(200, s));

        await _redis.StopAsync();

        // During the outage, concurrent load on both: fail-open admits, fail-closed refuses; nobody gets a 5xx.
        var openStatuses = await LoadAsync(_open, "roomy", 200);
        var closedStatuses = await LoadAsync(_closed, "roomy", 200);

        Assert.DoesNotContain(openStatuses, s => s >= 500);
        Assert.DoesNotContain(closedStatuses, s => s >= 500);
        Assert.All(openStatuses, s => Assert.Equal(200, s));
        // A token leased just before the kill may still be spent (the lease is one token at 10 rps); the rest is refused.
        Assert.True(closedStatuses.Count(s => s == 429) >= 199, string.Join(",", closedStatuses));
        Assert.Single(_open.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("store is unreachable", StringComparison.Ordinal));
        using (var refused = await _closed.Client.GetAsync(new Uri("roomy", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("{\"message\":\"Too Many Requests\"}", await refused.Content.ReadAsStringAsync());
            Assert.True(refused.Headers.Contains("Retry-After"));
        }

        await _redis.RestartAsync();

        // Back: the fail-closed gateway admits again once the client has reconnected (each try is a real request).
        await UntilAdmittedAsync(_closed);
        var deadline = DateTime.UtcNow + TestTimeouts.Default;

        // The fail-open gateway admitted throughout; it reports the store back on its first answered request.
        while (!_open.Logs.Entries.Any(e => e.Level == LogLevel.Information && e.Message.Contains("store answers again", StringComparison.Ordinal)))
        {
            Assert.Equal(200, (await GetAsync(_open, "roomy", 1))[0]);
            Assert.True(DateTime.UtcNow < deadline, "the fail-open gateway did not report recovery");
        }

        // Shared buckets are enforced again (a bucket first used after the restart; one emptied before it is asked
        // again within a second, see RedisThrottleStoreTests).
        var after = await GetAsync(_open, "after", 2);
        after.AddRange(await GetAsync(_closed, "after", 2));
        Assert.Equal([200, 200, 200, 429], after);
    }

    private Dictionary<string, string?> Settings(string mode) => new()
    {
        ["ConnectionStrings:redis"] = _redis.ConnectionString,
        ["Gateway:Throttling:StoreFailureMode"] = mode,
        ["Gateway:Throttling:StoreTimeout"] = "00:00:00.300",
        ["Gateway:Throttling:FailureBackoff"] = "00:00:00.200",
        ["Gateway:Throttling:KeyPrefix"] = "outage:",
    };

    private static async Task UntilAdmittedAsync(KestrelGateway gateway)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while ((await GetAsync(gateway, "roomy", 1))[0] != 200)
        {
            Assert.True(DateTime.UtcNow < deadline, "the gateway's throttle store never answered");
        }
    }

    private static async Task<List<int>> GetAsync(KestrelGateway gateway, string path, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var response = await gateway.Client.GetAsync(new Uri(path, UriKind.Relative));
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }

    private static async Task<int[]> LoadAsync(KestrelGateway gateway, string path, int count)
    {
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, count).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await gateway.Client.GetAsync(new Uri(path, UriKind.Relative));
            return (int)response.StatusCode;
        }).ToArray();
        start.Release(count);
        return await Task.WhenAll(requests).WaitAsync(TestTimeouts.Default);
    }
}
