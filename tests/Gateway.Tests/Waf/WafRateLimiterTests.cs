using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Waf;
using Platform.Gateway.Waf.Rate;

namespace Platform.Gateway.Tests.Waf;

/// <summary>The rate-based counters on their own, under a clock the test moves: sliding slices, forgetting, a full table.</summary>
public sealed class WafRateLimiterTests : IDisposable
{
    private static readonly RateRule Rule = new("guard", "per-ip", 10, 60);

    private readonly ManualTimeProvider _clock = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void Add_SlidingWindow_RequestsLeaveSliceBySlice()
    {
        var limiter = Limiter();

        for (var i = 0; i < 6; i++)
        {
            limiter.Add(Rule, 1);
        }

        _clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 4; i++)
        {
            Assert.False(limiter.Add(Rule, 1));
        }

        var eleventh = limiter.Add(Rule, 1);
        _clock.Advance(TimeSpan.FromSeconds(31));
        var afterFirstBurstLeft = limiter.CountOf(Rule, 1);

        Assert.True(eleventh);
        Assert.Equal(5, afterFirstBurstLeft);
        Assert.Equal(0, limiter.CountOf(Rule, 2));
    }

    [Fact]
    public void Sweep_IdleCounters_Forgotten()
    {
        var limiter = Limiter();
        limiter.Add(Rule, 1);
        limiter.Add(Rule, 2);

        var whileCounted = limiter.Sweep();
        _clock.Advance(TimeSpan.FromSeconds(61));
        var afterWindow = limiter.Sweep();

        Assert.Equal((0, 2, 0), (whileCounted, afterWindow, limiter.TrackedCount));
    }

    [Fact]
    public void Add_TableFull_NewAddressesNotCountedUntilSwept()
    {
        var limiter = Limiter(maxTracked: 2);
        limiter.Add(Rule, 1);
        limiter.Add(Rule, 2);

        var overLimitButUntracked = Enumerable.Range(0, 20).Select(_ => limiter.Add(Rule, 3)).ToList();
        _clock.Advance(TimeSpan.FromSeconds(61));
        limiter.Sweep();
        limiter.Add(Rule, 3);

        Assert.All(overLimitButUntracked, Assert.False);
        Assert.Equal(1, limiter.CountOf(Rule, 3));
    }

    public void Dispose() => _services.Dispose();

    private WafRateLimiter Limiter(int maxTracked = 1000) => new(
        Options.Create(new WafOptions { MaxTrackedAddresses = maxTracked }),
        _clock,
        new WafTelemetry(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
        NullLogger<WafRateLimiter>.Instance);
}
