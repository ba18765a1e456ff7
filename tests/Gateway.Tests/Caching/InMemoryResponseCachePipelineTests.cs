using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Tests.Infrastructure;
using static Platform.Gateway.Tests.Caching.CacheDefinitions;

namespace Platform.Gateway.Tests.Caching;

/// <summary>The pipeline contract in embedded mode (no Redis configured: the in-memory store serves), plus TTLs on the gateway's clock.</summary>
public sealed class InMemoryResponseCachePipelineTests(BackendFixture backend) : ResponseCachePipelineContract(backend), IClassFixture<BackendFixture>
{
    private protected override IReadOnlyDictionary<string, string?> StoreSettings { get; } = new Dictionary<string, string?>();

    [Fact]
    public async Task Get_TtlPassed_BackendAgain()
    {
        var clock = new ManualTimeProvider();
        await using var gateway = Start(clock: clock);
        using var first = await SendAsync(Get(gateway.Address, "/catalog"), gateway);
        clock.Advance(TimeSpan.FromSeconds(299));
        using var beforeTtl = await SendAsync(Get(gateway.Address, "/catalog"), gateway);

        clock.Advance(TimeSpan.FromSeconds(1));
        using var afterTtl = await SendAsync(Get(gateway.Address, "/catalog"), gateway);
        using var again = await SendAsync(Get(gateway.Address, "/catalog"), gateway);

        Assert.Equal([1, 1, 2, 2], [Count(first), Count(beforeTtl), Count(afterTtl), Count(again)]);
    }

    [Fact]
    public async Task Get_RouteTtl_Overrides()
    {
        var clock = new ManualTimeProvider();
        await using var gateway = Start(clock: clock);
        using var first = await SendAsync(Get(gateway.Address, "/brief"), gateway);

        clock.Advance(TimeSpan.FromSeconds(1));
        using var second = await SendAsync(Get(gateway.Address, "/brief"), gateway);

        Assert.Equal((1, 2), (Count(first), Count(second)));
    }
}
