using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Definitions.UsagePlans;
using Platform.Gateway.UsagePlans;
using Platform.ServiceDefaults.Redis;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>
/// The store contract against a real redis-server, plus what only Redis has: one EVALSHA per request, the EVAL
/// fallback after the server forgot the script, and keys that expire.
/// </summary>
public sealed class RedisUsagePlanStoreTests : UsagePlanStoreContract, IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly RedisServerFixture _server;
    private readonly PlatformRedis _redis;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8] + ":";

    public RedisUsagePlanStoreTests(RedisServerFixture server)
    {
        _server = server;
        _redis = Connect(server.ConnectionString);
        _store = new RedisUsagePlanStore(_redis, Options.Create(new UsagePlanOptions { KeyPrefix = _prefix }), NullLogger<RedisUsagePlanStore>.Instance);
    }

    private readonly RedisUsagePlanStore _store;

    private protected override IUsagePlanStore Store => _store;

    [Fact]
    public async Task Charge_Requests_OneEvalshaEachAndNoOtherCommand()
    {
        await ChargeAsync(PlanDefinitions.Now); // loads the script
        var before = await CommandStatsAsync();

        for (var i = 0; i < 20; i++)
        {
            await ChargeAsync(PlanDefinitions.Now, new ThrottleSettings(100, 100), quota: new QuotaSettings(100, QuotaPeriod.Day));
        }

        var after = await CommandStatsAsync();
        Assert.Equal(20, Delta(before, after, "evalsha"));
        Assert.Equal(0, Delta(before, after, "eval"));
        Assert.Equal(0, Delta(before, after, "script"));
    }

    [Fact]
    public async Task Charge_ConcurrentRequests_SharedCallsFewerThanRequests()
    {
        await ChargeAsync(PlanDefinitions.Now);
        var before = await CommandStatsAsync();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            Task.Run(() => ChargeAsync(PlanDefinitions.Now, quota: new QuotaSettings(150, QuotaPeriod.Day)))));

        var after = await CommandStatsAsync();
        Assert.Equal(150, decisions.Count(d => d.Allowed));
        var calls = Delta(before, after, "evalsha");
        Assert.InRange(calls, 1, 199);
        Assert.Equal(0, Delta(before, after, "eval"));
    }

    [Fact]
    public async Task Charge_ServerForgotTheScript_FallsBackToEvalOnce()
    {
        await ChargeAsync(PlanDefinitions.Now);
        await Admin().ScriptFlushAsync().WaitAsync(TestTimeouts.Default);
        var before = await CommandStatsAsync();

        var afterFlush = await ChargeAsync(PlanDefinitions.Now, quota: new QuotaSettings(5, QuotaPeriod.Day));
        var next = await ChargeAsync(PlanDefinitions.Now, quota: new QuotaSettings(5, QuotaPeriod.Day));

        var after = await CommandStatsAsync();
        Assert.Equal((UsageOutcome.Allowed, 4L), (afterFlush.Outcome, afterFlush.RemainingQuota!.Value));
        Assert.Equal((UsageOutcome.Allowed, 3L), (next.Outcome, next.RemainingQuota!.Value));
        Assert.Equal(1, Delta(before, after, "eval"));
        Assert.Equal(2, Delta(before, after, "evalsha"));
    }

    [Fact]
    public async Task Charge_KeysWritten_AllExpire()
    {
        var route = new RouteThrottle("shop:prod:GET%20%2Fitems", new ThrottleSettings(2, 10));

        await ChargeAsync(PlanDefinitions.Now, new ThrottleSettings(5, 50), route, new QuotaSettings(10, QuotaPeriod.Day));

        var database = _redis.GetDatabase();
        var keys = Admin().Keys(pattern: _prefix + "*").Select(static k => (string)k!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"{_prefix}k:{Plan}:{Key}", $"{_prefix}r:{Plan}:{Key}:shop:prod:GET%20%2Fitems"], keys);
        var state = await database.KeyTimeToLiveAsync(keys[0]).WaitAsync(TestTimeouts.Default);
        var routeBucket = await database.KeyTimeToLiveAsync(keys[1]).WaitAsync(TestTimeouts.Default);

        // The key's state holds 90 days of usage: it lives 91 days from its last first-request-of-a-day; the route
        // bucket is full again 10 / 2 = 5 s after its last use (+1 s).
        Assert.InRange(Assert.NotNull(state), TimeSpan.FromDays(91) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(91));
        Assert.InRange(Assert.NotNull(routeBucket), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
        var fields = (await database.HashKeysAsync(keys[0]).WaitAsync(TestTimeouts.Default)).Select(static f => (string)f!).Order(StringComparer.Ordinal);
        Assert.Equal(["d:2026-11-21", "s"], fields);
        // Bucket tokens | its time (µs) | quota period | requests counted in it.
        Assert.Equal($"49|{TokenBucket.Microseconds(PlanDefinitions.Now)}|DAY:2026-11-21|1", (string?)await database.HashGetAsync(keys[0], "s").WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Charge_RedisSlowerThanTheStoreTimeout_TimeoutException()
    {
        using var store = new RedisUsagePlanStore(_redis, Options.Create(new UsagePlanOptions { KeyPrefix = _prefix, StoreTimeout = TimeSpan.FromMilliseconds(200) }),
            NullLogger<RedisUsagePlanStore>.Instance);
        await store.PrepareAsync().WaitAsync(TestTimeouts.Default);
        // Redis holds every client's commands for a second (and then goes on by itself).
        await Admin().Multiplexer.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "1000", "ALL").WaitAsync(TestTimeouts.Default);
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => store.ChargeAsync(
            new UsageCharge(Plan, Key, null, null, null, PlanDefinitions.Now), CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Default));

        Assert.True(started.Elapsed < TimeSpan.FromMilliseconds(1000), $"answered after {started.Elapsed}, not at the store timeout");
    }

    [Fact]
    public async Task Charge_RedisUnreachable_Throws()
    {
        using var absent = Connect($"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=500");
        using var store = new RedisUsagePlanStore(absent, Options.Create(new UsagePlanOptions { KeyPrefix = _prefix }), NullLogger<RedisUsagePlanStore>.Instance);

        await Assert.ThrowsAnyAsync<RedisException>(() => store.ChargeAsync(
            new UsageCharge(Plan, Key, null, null, null, PlanDefinitions.Now), CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Default));
    }

    public void Dispose()
    {
        _store.Dispose();
        _redis.Dispose();
        foreach (var admin in _admins)
        {
            admin.Dispose();
        }
    }

    internal static PlatformRedis Connect(string connectionString) => new(
        new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:redis", connectionString)]).Build(),
        NullLogger<PlatformRedis>.Instance);

    private IServer Admin()
    {
        var connection = ConnectionMultiplexer.Connect(_server.ConnectionString + ",allowAdmin=true");
        _admins.Add(connection);
        return connection.GetServer(connection.GetEndPoints()[0]);
    }

    private readonly List<ConnectionMultiplexer> _admins = [];

    private async Task<Dictionary<string, long>> CommandStatsAsync()
    {
        var sections = await Admin().InfoAsync("commandstats").WaitAsync(TestTimeouts.Default);
        return RedisCommandStats.Parse(sections);
    }

    private static long Delta(Dictionary<string, long> before, Dictionary<string, long> after, string command) =>
        after.GetValueOrDefault(command) - before.GetValueOrDefault(command);
}
