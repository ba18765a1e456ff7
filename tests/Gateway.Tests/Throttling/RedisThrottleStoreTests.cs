using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Definitions.UsagePlans;
using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Tests.UsagePlans;
using Platform.Gateway.Throttling;
using Platform.ServiceDefaults.Redis;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Gateway.Tests.Throttling;

/// <summary>
/// The Redis store and the lease on top of it, against a real redis-server on a manual clock: the script's arithmetic
/// matches the in-memory store's; a lease takes several tokens in one call and hands them out locally; an empty
/// bucket is refused locally until its next token is due; leased tokens die with the lease.
/// </summary>
public sealed class RedisThrottleStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private readonly PlatformRedis _platformRedis = new(
        new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.ConnectionString })
            .Build(),
        NullLogger<PlatformRedis>.Instance);

    private readonly Lazy<ConnectionMultiplexer> _admin = new(() => ConnectionMultiplexer.Connect(redis.ConnectionString + ",allowAdmin=true"));

    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Fact]
    public async Task Take_SameArithmeticAsInMemory()
    {
        var store = await StoreAsync();
        var memory = new InMemoryThrottleStore(_clock);
        var limits = new ThrottleSettings(4, 10);
        var steps = new (TimeSpan Advance, int Want)[]
        {
            (TimeSpan.Zero, 3), (TimeSpan.Zero, 100), (TimeSpan.FromMilliseconds(500), 100), (TimeSpan.FromMilliseconds(249), 1),
            (TimeSpan.FromMilliseconds(1), 1), (TimeSpan.FromSeconds(10), 100), (TimeSpan.FromMilliseconds(10), 1),
        };

        foreach (var (advance, want) in steps)
        {
            _clock.Advance(advance);
            var fromRedis = await store.TakeAsync(_prefix + "b", limits, want);
            var fromMemory = await memory.TakeAsync("b", limits, want);
            Assert.Equal(fromMemory, fromRedis);
        }
    }

    [Fact]
    public async Task Take_ClockBehindTheLastWriter_RefillsNothing()
    {
        var store = await StoreAsync();
        var limits = new ThrottleSettings(10, 2);
        Assert.Equal(2, (await store.TakeAsync(_prefix + "skew", limits, 2)).Granted);

        // Another replica's clock, one second behind, must not mint the tokens of that second.
        var behind = new ManualTimeProvider();
        behind.Advance(TimeSpan.FromSeconds(-1));
        var lagging = new RedisThrottleStore(_platformRedis, Options.Create(new ThrottlingOptions()), Telemetry(), behind);
        await lagging.PrepareAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(0, (await lagging.TakeAsync(_prefix + "skew", limits, 1)).Granted);
    }

    [Fact]
    public async Task Lease_TakesSeveralTokensInOneCall_AndHandsThemOutLocally()
    {
        var store = await StoreAsync();
        var lease = new ThrottleLease(_prefix + "lease", new ThrottleSettings(100, 20), leaseSize: 5, TimeSpan.FromMilliseconds(100), _clock);
        var before = await EvalCallsAsync();

        for (var i = 0; i < 5; i++)
        {
            var o = await lease.TakeAsync(store);
            Assert.True(o.Kind == ThrottleOutcomeKind.Admitted, o.Failure?.ToString());
        }

        Assert.Equal(1, await EvalCallsAsync() - before);
        Assert.Equal(ThrottleOutcomeKind.Admitted, (await lease.TakeAsync(store)).Kind);
        Assert.Equal(2, await EvalCallsAsync() - before);
        Assert.Equal("10", (await Database().HashGetAsync(_prefix + "lease", "t")).ToString());
    }

    [Fact]
    public async Task Lease_EmptyBucket_RefusedLocallyUntilTheNextTokenIsDue()
    {
        var store = await StoreAsync();
        var lease = new ThrottleLease(_prefix + "empty", new ThrottleSettings(2, 1), leaseSize: 1, TimeSpan.FromMilliseconds(100), _clock);
        Assert.Equal(ThrottleOutcomeKind.Admitted, (await lease.TakeAsync(store)).Kind);
        var refused = await lease.TakeAsync(store);
        var calls = await EvalCallsAsync();

        var again = await lease.TakeAsync(store);
        _clock.Advance(TimeSpan.FromMilliseconds(499));
        var stillEmpty = await lease.TakeAsync(store);

        Assert.Equal((ThrottleOutcomeKind.Throttled, (TimeSpan?)TimeSpan.FromMilliseconds(500)), (refused.Kind, refused.RetryAfter));
        Assert.Equal(ThrottleOutcomeKind.Throttled, again.Kind);
        Assert.Equal(ThrottleOutcomeKind.Throttled, stillEmpty.Kind);
        Assert.Equal(calls, await EvalCallsAsync());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ThrottleOutcomeKind.Admitted, (await lease.TakeAsync(store)).Kind);
    }

    [Fact]
    public async Task Lease_EmptyBucketWithADistantNextToken_AskedAgainWithinASecond()
    {
        var store = await StoreAsync();
        var limits = new ThrottleSettings(0.001, 1);
        var lease = new ThrottleLease(_prefix + "reset", limits, leaseSize: 1, TimeSpan.FromMilliseconds(100), _clock);
        Assert.Equal(ThrottleOutcomeKind.Admitted, (await lease.TakeAsync(store)).Kind);
        var refused = await lease.TakeAsync(store);
        Assert.True(refused.RetryAfter > TimeSpan.FromMinutes(16), refused.RetryAfter.ToString());

        // The bucket is reset behind the lease's back (a Redis restart without persistence loses it).
        await Database().KeyDeleteAsync(_prefix + "reset");
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(ThrottleOutcomeKind.Throttled, (await lease.TakeAsync(store)).Kind);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ThrottleOutcomeKind.Admitted, (await lease.TakeAsync(store)).Kind);
    }

    [Fact]
    public async Task Lease_TokensOutliveNotTheLease()
    {
        var store = await StoreAsync();
        var lease = new ThrottleLease(_prefix + "expiry", new ThrottleSettings(0.001, 10), leaseSize: 5, TimeSpan.FromMilliseconds(100), _clock);
        Assert.Equal(ThrottleOutcomeKind.Admitted, (await lease.TakeAsync(store)).Kind);

        // Four tokens are still leased, but the lease is over: they are dropped, and the next lease takes five more.
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(ThrottleOutcomeKind.Admitted, (await lease.TakeAsync(store)).Kind);

        var left = double.Parse((await Database().HashGetAsync(_prefix + "expiry", "t")).ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(left, 0, 0.01);
    }

    [Fact]
    public async Task Lease_ConcurrentTakers_ShareOneRefill()
    {
        var store = await StoreAsync();
        var lease = new ThrottleLease(_prefix + "crowd", new ThrottleSettings(1, 40), leaseSize: 1, TimeSpan.FromSeconds(5), _clock);
        var before = await EvalCallsAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => lease.TakeAsync(store).AsTask()));

        Assert.All(outcomes, o => Assert.Equal(ThrottleOutcomeKind.Admitted, o.Kind));
        Assert.True(await EvalCallsAsync() - before < 30, "concurrent takers should share refills, not each call Redis");
    }

    [Fact]
    public async Task Take_RedisGone_Throws_LeaseReportsStoreFailed()
    {
        var gone = new PlatformRedis(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200" })
                .Build(),
            NullLogger<PlatformRedis>.Instance);
        var store = new RedisThrottleStore(gone, Options.Create(new ThrottlingOptions { StoreTimeout = TimeSpan.FromMilliseconds(300) }), Telemetry(), _clock);
        var lease = new ThrottleLease("gone", new ThrottleSettings(1, 1), 1, TimeSpan.FromSeconds(1), _clock);

        var outcome = await lease.TakeAsync(store);

        Assert.Equal(ThrottleOutcomeKind.StoreFailed, outcome.Kind);
        Assert.NotNull(outcome.Failure);
        gone.Dispose();
    }

    public void Dispose()
    {
        _platformRedis.Dispose();
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    /// <summary>A store connected and with its script loaded, as the gateway's warm-up leaves it.</summary>
    private async Task<RedisThrottleStore> StoreAsync()
    {
        var store = new RedisThrottleStore(_platformRedis, Options.Create(new ThrottlingOptions()), Telemetry(), _clock);
        await store.PrepareAsync().WaitAsync(TestTimeouts.Default);
        return store;
    }

    private static ThrottlingTelemetry Telemetry() =>
        new(new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddMetrics().BuildServiceProvider()
            .GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    private IDatabase Database() => _platformRedis.GetDatabase();

    private async Task<long> EvalCallsAsync()
    {
        var admin = _admin.Value;
        var info = await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats");
        var stats = RedisCommandStats.Parse(info);
        return stats.GetValueOrDefault("evalsha") + stats.GetValueOrDefault("eval");
    }
}
