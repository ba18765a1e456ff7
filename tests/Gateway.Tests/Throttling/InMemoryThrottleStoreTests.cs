using Platform.Definitions.UsagePlans;
using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Throttling;

namespace Platform.Gateway.Tests.Throttling;

/// <summary>The token-bucket arithmetic in memory, on a manual clock: burst, refill rate, partial grants, when the next token is due.</summary>
public sealed class InMemoryThrottleStoreTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Take_StartsFull_BurstThenEmpty()
    {
        var store = new InMemoryThrottleStore(_clock);
        var limits = new ThrottleSettings(10, 5);

        var granted = 0;
        for (var i = 0; i < 8; i++)
        {
            granted += (await store.TakeAsync("b", limits, 1)).Granted;
        }

        Assert.Equal(5, granted);
        var empty = await store.TakeAsync("b", limits, 1);
        Assert.Equal(0, empty.Granted);
        Assert.Equal(TimeSpan.FromMilliseconds(100), empty.NextToken);
    }

    [Fact]
    public async Task Take_RefillsAtTheRate_NeverAboveTheBurst()
    {
        var store = new InMemoryThrottleStore(_clock);
        var limits = new ThrottleSettings(4, 10);
        Assert.Equal(10, (await store.TakeAsync("b", limits, 100)).Granted);

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, (await store.TakeAsync("b", limits, 100)).Granted);

        _clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Equal(0, (await store.TakeAsync("b", limits, 1)).Granted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, (await store.TakeAsync("b", limits, 1)).Granted);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(10, (await store.TakeAsync("b", limits, 100)).Granted);
    }

    [Fact]
    public async Task Take_WantMoreThanLeft_GrantsWhatIsLeft()
    {
        var store = new InMemoryThrottleStore(_clock);
        var limits = new ThrottleSettings(1, 7);

        var first = await store.TakeAsync("b", limits, 5);
        var second = await store.TakeAsync("b", limits, 5);

        Assert.Equal((5, (TimeSpan?)null), (first.Granted, first.NextToken));
        Assert.Equal((2, (TimeSpan?)TimeSpan.FromSeconds(1)), (second.Granted, second.NextToken));
    }

    [Fact]
    public async Task Take_ZeroZero_RefusesEverythingForever()
    {
        var store = new InMemoryThrottleStore(_clock);
        var limits = new ThrottleSettings(0, 0);

        var grant = await store.TakeAsync("b", limits, 1);
        _clock.Advance(TimeSpan.FromDays(2));
        var later = await store.TakeAsync("b", limits, 1);

        Assert.Equal((0, (TimeSpan?)null), (grant.Granted, grant.NextToken));
        Assert.Equal(0, later.Granted);
    }

    [Fact]
    public async Task Take_BucketsAreIndependent()
    {
        var store = new InMemoryThrottleStore(_clock);
        var limits = new ThrottleSettings(1, 2);

        Assert.Equal(2, (await store.TakeAsync("a", limits, 5)).Granted);
        Assert.Equal(2, (await store.TakeAsync("b", limits, 5)).Granted);
        Assert.Equal(0, (await store.TakeAsync("a", limits, 1)).Granted);
    }

    [Fact]
    public void LeaseSize_RateTimesWindow_AtLeastOne_AtMostHalfTheBurst()
    {
        var options = new ThrottlingOptions { LeaseWindow = TimeSpan.FromMilliseconds(50) };

        Assert.Equal(25, Throttler.LeaseSize(new ThrottleSettings(500, 1000), options));
        Assert.Equal(1, Throttler.LeaseSize(new ThrottleSettings(20, 50), options));
        Assert.Equal(500, Throttler.LeaseSize(new ThrottleSettings(10_000, 5_000), options));
        Assert.Equal(2, Throttler.LeaseSize(new ThrottleSettings(1_000, 4), options));
        Assert.Equal(1, Throttler.LeaseSize(new ThrottleSettings(0, 0), options));
    }
}
