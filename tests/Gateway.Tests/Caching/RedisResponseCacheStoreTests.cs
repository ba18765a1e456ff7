using Microsoft.Extensions.Options;
using Platform.Gateway.Caching;
using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Tests.UsagePlans;
using Platform.ServiceDefaults.Redis;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Gateway.Tests.Caching;

/// <summary>
/// The store contract against a real redis-server, plus what only Redis has: one GET per lookup, Redis' own
/// expiry, generations shared by replicas within the refresh interval, and failures that are quick and typed.
/// </summary>
public sealed class RedisResponseCacheStoreTests : ResponseCacheStoreContract, IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly RedisServerFixture _server;
    private readonly PlatformRedis _redis;
    private readonly string _prefix = "c" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly RedisResponseCacheStore _store;
    private readonly List<ConnectionMultiplexer> _admins = [];

    public RedisResponseCacheStoreTests(RedisServerFixture server)
    {
        _server = server;
        _redis = RedisUsagePlanStoreTests.Connect(server.ConnectionString);
        _store = Create(_redis, TimeProvider.System);
    }

    private protected override IResponseCacheStore Store => _store;

    [Fact]
    public async Task Get_FreshGeneration_OneGetAndNothingElse()
    {
        var generation = await _store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);
        await _store.SetAsync(Key("GET  /a"), generation, Entry("a"), Ttl).AsTask().WaitAsync(TestTimeouts.Default);
        var before = await CommandStatsAsync();

        for (var i = 0; i < 10; i++)
        {
            var fresh = await _store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);
            Assert.NotNull(await _store.GetAsync(Key("GET  /a"), fresh).AsTask().WaitAsync(TestTimeouts.Default));
        }

        var after = await CommandStatsAsync();
        Assert.Equal(10, Delta(before, after, "get"));
        Assert.Equal(0, Delta(before, after, "set") + Delta(before, after, "eval") + Delta(before, after, "evalsha") + Delta(before, after, "mget"));
    }

    [Fact]
    public async Task Set_Entry_OneKeyWithTheTtl()
    {
        await _store.SetAsync(Key("GET  /a"), 0, Entry("a"), TimeSpan.FromSeconds(120)).AsTask().WaitAsync(TestTimeouts.Default);

        var keys = Admin().Keys(pattern: _prefix + "*").Select(static k => (string)k!).ToList();
        Assert.Equal([$"{_prefix}{Api}/prod/0/GET  /a"], keys);
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(keys[0]).WaitAsync(TestTimeouts.Default);
        Assert.InRange(Assert.NotNull(ttl), TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task Get_AfterRedisExpiredTheEntry_Null()
    {
        var key = Key("GET  /short");
        var redisKey = _store.EntryKey(key, 0);
        using var events = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString + ",allowAdmin=true").WaitAsync(TestTimeouts.Default);
        await events.GetServer(events.GetEndPoints()[0]).ConfigSetAsync("notify-keyspace-events", "Ex").WaitAsync(TestTimeouts.Default);
        var expired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await events.GetSubscriber().SubscribeAsync("__keyevent@0__:expired", (_, name) =>
        {
            if (name == redisKey)
            {
                expired.TrySetResult();
            }
        }).WaitAsync(TestTimeouts.Default);
        await _store.SetAsync(key, 0, Entry("short"), TimeSpan.FromSeconds(1)).AsTask().WaitAsync(TestTimeouts.Default);
        Assert.NotNull(await _store.GetAsync(key, 0).AsTask().WaitAsync(TestTimeouts.Default));

        // Redis announces the expiry itself (keyspace notification): no sleeping, no polling.
        await expired.Task.WaitAsync(TestTimeouts.Default);

        Assert.Null(await _store.GetAsync(key, 0).AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Generation_FlushThroughAnotherReplica_SeenAfterTheRefreshInterval()
    {
        var clock = new ManualTimeProvider();
        var replica = Create(_redis, clock);
        var before = await replica.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);

        var flushed = await _store.FlushAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);

        // Within the interval the replica still uses what it read (the documented staleness bound)...
        Assert.Equal(before, await replica.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default));
        clock.Advance(TimeSpan.FromSeconds(1));

        // ...and reads Redis again once it has passed.
        Assert.Equal(flushed, await replica.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Get_UnreadableEntry_StoreException()
    {
        await _redis.GetDatabase().StringSetAsync(_store.EntryKey(Key("GET  /junk"), 0), "not an entry").WaitAsync(TestTimeouts.Default);

        var failure = await Assert.ThrowsAsync<ResponseCacheStoreException>(() => _store.GetAsync(Key("GET  /junk"), 0).AsTask().WaitAsync(TestTimeouts.Default));

        Assert.Contains("not a cached response", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RedisSlowerThanTheStoreTimeout_StoreExceptionAtTheTimeout()
    {
        var store = Create(_redis, TimeProvider.System, TimeSpan.FromMilliseconds(200));
        await store.PrepareAsync().WaitAsync(TestTimeouts.Default);
        var generation = await store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);
        // Redis holds every client's commands for two seconds (and then goes on by itself).
        await Admin().Multiplexer.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "2000", "ALL").WaitAsync(TestTimeouts.Default);
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<ResponseCacheStoreException>(() => store.GetAsync(Key("GET  /a"), generation).AsTask().WaitAsync(TestTimeouts.Default));

        Assert.True(started.Elapsed < TimeSpan.FromMilliseconds(1500), $"answered after {started.Elapsed}, not at the store timeout");
    }

    [Fact]
    public async Task Get_RedisUnreachable_StoreException()
    {
        using var absent = RedisUsagePlanStoreTests.Connect($"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=500");
        var store = Create(absent, TimeProvider.System);

        await Assert.ThrowsAsync<ResponseCacheStoreException>(() => store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default));
        await Assert.ThrowsAsync<ResponseCacheStoreException>(() => store.FlushAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default));
    }

    public void Dispose()
    {
        _redis.Dispose();
        foreach (var admin in _admins)
        {
            admin.Dispose();
        }
    }

    private RedisResponseCacheStore Create(PlatformRedis redis, TimeProvider clock, TimeSpan? timeout = null) =>
        new(redis, Options.Create(new ResponseCacheOptions { KeyPrefix = _prefix, StoreTimeout = timeout ?? TimeSpan.FromSeconds(5) }), clock);

    /// <summary>One admin connection per test, so that its own handshake (which reads a key) happens before any count.</summary>
    private IServer Admin()
    {
        if (_admins.Count == 0)
        {
            _admins.Add(ConnectionMultiplexer.Connect(_server.ConnectionString + ",allowAdmin=true"));
        }

        return _admins[0].GetServer(_admins[0].GetEndPoints()[0]);
    }

    private async Task<Dictionary<string, long>> CommandStatsAsync()
    {
        var sections = await Admin().InfoAsync("commandstats").WaitAsync(TestTimeouts.Default);
        return RedisCommandStats.Parse(sections);
    }

    private static long Delta(Dictionary<string, long> before, Dictionary<string, long> after, string command) =>
        after.GetValueOrDefault(command) - before.GetValueOrDefault(command);
}
