using Platform.Gateway.Tests.Infrastructure;
using Platform.Testing;
using StackExchange.Redis;
using static Platform.Gateway.Tests.Caching.CacheDefinitions;

namespace Platform.Gateway.Tests.Caching;

/// <summary>The pipeline contract with <c>ConnectionStrings:redis</c> set: the Redis store serves, under a key prefix of each test's own.</summary>
public sealed class RedisResponseCachePipelineTests(BackendFixture backend, RedisServerFixture redis)
    : ResponseCachePipelineContract(backend), IClassFixture<BackendFixture>, IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = "p" + Guid.NewGuid().ToString("N")[..8] + ":";

    private protected override IReadOnlyDictionary<string, string?> StoreSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:redis"] = redis.ConnectionString,
        ["Gateway:Cache:KeyPrefix"] = _prefix,
    };

    [Fact]
    public async Task Get_EntryExpiredInRedis_BackendAgain()
    {
        using var events = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true").WaitAsync(TestTimeouts.Default);
        await events.GetServer(events.GetEndPoints()[0]).ConfigSetAsync("notify-keyspace-events", "Ex").WaitAsync(TestTimeouts.Default);
        var expired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await events.GetSubscriber().SubscribeAsync("__keyevent@0__:expired", (_, name) =>
        {
            if (((string?)name)?.StartsWith(_prefix + "shop/prod/", StringComparison.Ordinal) == true)
            {
                expired.TrySetResult();
            }
        }).WaitAsync(TestTimeouts.Default);
        using var first = await GetAsync("/brief");
        using var second = await GetAsync("/brief");

        // Redis expires the entry after the route's 1 s TTL and says so (keyspace notification).
        await expired.Task.WaitAsync(TestTimeouts.Default);
        using var third = await GetAsync("/brief");

        Assert.Equal([1, 1, 2], [Count(first), Count(second), Count(third)]);
    }

    [Fact]
    public async Task Get_TwoGatewaysOnOneRedis_ShareEntries()
    {
        await using var other = Start();
        using var first = await GetAsync("/catalog");

        using var second = await SendAsync(Get(other.Address, "/catalog"), other);

        Assert.Equal((1, 1), (Count(first), Count(second)));
        Assert.Equal("Hit", Header(second, "X-Cache"));
    }
}
