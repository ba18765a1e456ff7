using Platform.Definitions.UsagePlans;
using Platform.Gateway.UsagePlans;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>
/// What every <see cref="IUsagePlanStore"/> must do, run against each implementation (in memory, Redis). Each test
/// uses its own plan and key names, so tests never share state; time is passed in, never slept.
/// </summary>
public abstract class UsagePlanStoreContract
{
    private static readonly DateTimeOffset T0 = PlanDefinitions.Now;

    private readonly string _plan = "plan-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _key = "key-" + Guid.NewGuid().ToString("N")[..8];

    private protected abstract IUsagePlanStore Store { get; }

    [Fact]
    public async Task Charge_Burst_ExactlyBurstAdmittedThenThrottled()
    {
        var throttle = new ThrottleSettings(1, 5);

        var outcomes = await ChargeManyAsync(6, T0, throttle: throttle);

        Assert.Equal([.. Enumerable.Repeat(UsageOutcome.Allowed, 5), UsageOutcome.PlanThrottled], outcomes.Select(o => o.Outcome));
        Assert.Equal(TimeSpan.FromSeconds(1), outcomes[^1].RetryAfter);
        Assert.All(outcomes, o => Assert.Null(o.RemainingQuota));
    }

    [Fact]
    public async Task Charge_AfterTime_BucketRefillsAtRate()
    {
        var throttle = new ThrottleSettings(2, 2);
        await ChargeManyAsync(2, T0, throttle: throttle);

        var early = await ChargeAsync(T0.AddMilliseconds(250), throttle: throttle);
        var refilled = await ChargeAsync(T0.AddMilliseconds(500), throttle: throttle);
        var emptyAgain = await ChargeAsync(T0.AddMilliseconds(500), throttle: throttle);
        var twoLater = await ChargeManyAsync(3, T0.AddSeconds(10), throttle: throttle);

        Assert.Equal(UsageOutcome.PlanThrottled, early.Outcome);
        Assert.Equal(TimeSpan.FromMilliseconds(250), early.RetryAfter);
        Assert.Equal(UsageOutcome.Allowed, refilled.Outcome);
        Assert.Equal(UsageOutcome.PlanThrottled, emptyAgain.Outcome);
        // Idle long enough to refill many times over: the bucket holds its burst, no more.
        Assert.Equal([UsageOutcome.Allowed, UsageOutcome.Allowed, UsageOutcome.PlanThrottled], twoLater.Select(o => o.Outcome));
    }

    [Fact]
    public async Task Charge_ClockBehindLastWriter_RefillsNothing()
    {
        var throttle = new ThrottleSettings(10, 1);
        await ChargeAsync(T0.AddSeconds(1), throttle: throttle);

        var behind = await ChargeAsync(T0, throttle: throttle);

        Assert.Equal(UsageOutcome.PlanThrottled, behind.Outcome);
    }

    [Fact]
    public async Task Charge_ZeroThrottle_RejectsEveryRequestWithoutRetryAfter()
    {
        var decision = await ChargeAsync(T0, throttle: new ThrottleSettings(0, 0));

        Assert.Equal(UsageOutcome.PlanThrottled, decision.Outcome);
        Assert.Null(decision.RetryAfter);
    }

    [Fact]
    public async Task Charge_Quota_ExactLimitThenExceeded()
    {
        var quota = new QuotaSettings(3, QuotaPeriod.Day);

        var outcomes = await ChargeManyAsync(5, T0, quota: quota);

        Assert.Equal(
            [(UsageOutcome.Allowed, 2L), (UsageOutcome.Allowed, 1L), (UsageOutcome.Allowed, 0L), (UsageOutcome.QuotaExceeded, 0L), (UsageOutcome.QuotaExceeded, 0L)],
            outcomes.Select(o => (o.Outcome, o.RemainingQuota!.Value)));
    }

    [Fact]
    public async Task Charge_NextPeriod_QuotaStartsOver()
    {
        var quota = new QuotaSettings(1, QuotaPeriod.Day);
        var lastTick = new DateTimeOffset(2026, 11, 21, 23, 59, 59, TimeSpan.Zero).AddTicks(TimeSpan.TicksPerSecond - 1);

        var first = await ChargeAsync(lastTick, quota: quota);
        var second = await ChargeAsync(lastTick, quota: quota);
        var nextDay = await ChargeAsync(lastTick.AddTicks(1), quota: quota);

        Assert.Equal(UsageOutcome.Allowed, first.Outcome);
        Assert.Equal(UsageOutcome.QuotaExceeded, second.Outcome);
        Assert.Equal((UsageOutcome.Allowed, 0L), (nextDay.Outcome, nextDay.RemainingQuota!.Value));
    }

    [Fact]
    public async Task Charge_StampedInThePreviousPeriod_CountsInTheCurrentOne()
    {
        var quota = new QuotaSettings(2, QuotaPeriod.Day);
        var midnight = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

        var current = await ChargeAsync(midnight.AddSeconds(1), quota: quota);
        // A replica whose clock is two seconds behind: its request must not restart the count of the 22nd.
        var late = await ChargeAsync(midnight.AddSeconds(-1), quota: quota);
        var over = await ChargeAsync(midnight.AddSeconds(2), quota: quota);

        Assert.Equal((UsageOutcome.Allowed, 1L), (current.Outcome, current.RemainingQuota!.Value));
        Assert.Equal((UsageOutcome.Allowed, 0L), (late.Outcome, late.RemainingQuota!.Value));
        Assert.Equal(UsageOutcome.QuotaExceeded, over.Outcome);
    }

    [Fact]
    public async Task Charge_QuotaPeriodChanged_CountsFromZero()
    {
        var first = await ChargeManyAsync(2, T0, quota: new QuotaSettings(2, QuotaPeriod.Day));
        // The definitions now say MONTH: a period the key has not used yet.
        var monthly = await ChargeAsync(T0, quota: new QuotaSettings(2, QuotaPeriod.Month));

        Assert.All(first, d => Assert.Equal(UsageOutcome.Allowed, d.Outcome));
        Assert.Equal((UsageOutcome.Allowed, 1L), (monthly.Outcome, monthly.RemainingQuota!.Value));
    }

    [Fact]
    public async Task Charge_MonthQuota_SharedByEveryDayOfTheMonth()
    {
        var quota = new QuotaSettings(2, QuotaPeriod.Month);

        var first = await ChargeAsync(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), quota: quota);
        var second = await ChargeAsync(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), quota: quota);
        var third = await ChargeAsync(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero), quota: quota);
        var december = await ChargeAsync(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), quota: quota);

        Assert.Equal([UsageOutcome.Allowed, UsageOutcome.Allowed, UsageOutcome.QuotaExceeded, UsageOutcome.Allowed],
            new[] { first, second, third, december }.Select(o => o.Outcome));
    }

    [Fact]
    public async Task Charge_Throttled_ConsumesNoQuotaAndNoUsage()
    {
        var throttle = new ThrottleSettings(0, 2);
        var quota = new QuotaSettings(10, QuotaPeriod.Day);

        var outcomes = await ChargeManyAsync(4, T0, throttle, quota: quota);
        var usage = await Store.ReadUsageAsync(_plan, [_key], Day(T0), 1, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        Assert.Equal(
            [(UsageOutcome.Allowed, 9L), (UsageOutcome.Allowed, 8L), (UsageOutcome.PlanThrottled, 8L), (UsageOutcome.PlanThrottled, 8L)],
            outcomes.Select(o => (o.Outcome, o.RemainingQuota!.Value)));
        Assert.Equal(2, usage[0][0]);
    }

    [Fact]
    public async Task Charge_QuotaExceeded_TakesNoToken()
    {
        var throttle = new ThrottleSettings(0, 2);

        var counted = await ChargeAsync(T0, throttle, quota: new QuotaSettings(1, QuotaPeriod.Day));
        var overQuota = await ChargeAsync(T0, throttle, quota: new QuotaSettings(1, QuotaPeriod.Day));
        // The same key without the quota: the refused request left its token in the bucket.
        var withoutQuota = await ChargeManyAsync(2, T0, throttle);

        Assert.Equal(UsageOutcome.Allowed, counted.Outcome);
        Assert.Equal(UsageOutcome.QuotaExceeded, overQuota.Outcome);
        Assert.Equal([UsageOutcome.Allowed, UsageOutcome.PlanThrottled], withoutQuota.Select(o => o.Outcome));
    }

    [Fact]
    public async Task Charge_RouteOverride_BothBucketsMustHaveAToken()
    {
        var plan = new ThrottleSettings(0, 3);
        var route = new RouteThrottle("shop:prod:GET%20%2Fpartner", new ThrottleSettings(0, 1));

        var onRoute = await ChargeManyAsync(2, T0, plan, route);
        var elsewhere = await ChargeManyAsync(3, T0, plan);

        // The route's bucket ran dry after one; its refusal took no plan token, so two are left for other routes.
        Assert.Equal([UsageOutcome.Allowed, UsageOutcome.RouteThrottled], onRoute.Select(o => o.Outcome));
        Assert.Equal([UsageOutcome.Allowed, UsageOutcome.Allowed, UsageOutcome.PlanThrottled], elsewhere.Select(o => o.Outcome));
    }

    [Fact]
    public async Task Charge_TwoRoutes_OwnBucketsEach()
    {
        var first = new RouteThrottle("shop:prod:GET%20%2Fa", new ThrottleSettings(0, 1));
        var second = new RouteThrottle("shop:prod:GET%20%2Fb", new ThrottleSettings(0, 1));

        var a = await ChargeAsync(T0, route: first);
        var b = await ChargeAsync(T0, route: second);
        var again = await ChargeAsync(T0, route: first);

        Assert.Equal([UsageOutcome.Allowed, UsageOutcome.Allowed, UsageOutcome.RouteThrottled], new[] { a, b, again }.Select(o => o.Outcome));
    }

    [Fact]
    public async Task Charge_TwoKeys_OwnBucketsAndQuotasEach()
    {
        var throttle = new ThrottleSettings(0, 1);
        var quota = new QuotaSettings(5, QuotaPeriod.Day);

        var mine = await ChargeAsync(T0, throttle, quota: quota);
        var theirs = await Store.ChargeAsync(new UsageCharge(_plan, _key + "-other", throttle, null, quota, T0), CancellationToken.None);

        Assert.Equal((UsageOutcome.Allowed, 4L), (mine.Outcome, mine.RemainingQuota!.Value));
        Assert.Equal((UsageOutcome.Allowed, 4L), (theirs.Outcome, theirs.RemainingQuota!.Value));
    }

    [Fact]
    public async Task ReadUsage_CountsAdmittedRequestsPerKeyPerDay()
    {
        var quota = new QuotaSettings(4, QuotaPeriod.Month);
        await ChargeManyAsync(3, T0, quota: quota);
        await ChargeManyAsync(2, T0.AddDays(2), quota: quota);

        var usage = await Store.ReadUsageAsync(_plan, [_key, "nobody"], Day(T0).AddDays(-1), 4, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        Assert.Equal([0L, 3, 0, 1], usage[0]);
        Assert.Equal([0L, 0, 0, 0], usage[1]);
    }

    [Fact]
    public async Task ReadUsage_DaysPastRetention_ForgottenOnceANewDayIsCounted()
    {
        await ChargeAsync(T0);

        await ChargeAsync(T0.AddDays(89));
        var kept = await Store.ReadUsageAsync(_plan, [_key], Day(T0), 1, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        await ChargeAsync(T0.AddDays(90));
        var forgotten = await Store.ReadUsageAsync(_plan, [_key], Day(T0), 91, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // 90 days are kept (the default retention): the 90th day after the first pushes it out.
        Assert.Equal(1, kept[0][0]);
        Assert.Equal([0L, .. Enumerable.Repeat(0L, 88), 1, 1], forgotten[0]);
    }

    [Fact]
    public async Task Charge_Concurrent_QuotaAdmitsExactlyTheLimit()
    {
        var quota = new QuotaSettings(50, QuotaPeriod.Day);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => Store.ChargeAsync(new UsageCharge(_plan, _key, null, null, quota, T0.AddMilliseconds(i)), CancellationToken.None).AsTask())))
            .WaitAsync(TestTimeouts.Default);

        Assert.Equal(50, outcomes.Count(o => o.Allowed));
        Assert.Equal(150, outcomes.Count(o => o.Outcome == UsageOutcome.QuotaExceeded));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i).ToHashSet(), outcomes.Where(o => o.Allowed).Select(o => o.RemainingQuota!.Value).ToHashSet());
    }

    private protected Task<UsageDecision> ChargeAsync(DateTimeOffset at, ThrottleSettings? throttle = null, RouteThrottle? route = null, QuotaSettings? quota = null) =>
        Store.ChargeAsync(new UsageCharge(_plan, _key, throttle, route, quota, at), CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Default);

    private protected async Task<UsageDecision[]> ChargeManyAsync(int count, DateTimeOffset at, ThrottleSettings? throttle = null, RouteThrottle? route = null, QuotaSettings? quota = null)
    {
        var decisions = new UsageDecision[count];
        for (var i = 0; i < count; i++)
        {
            decisions[i] = await ChargeAsync(at, throttle, route, quota);
        }

        return decisions;
    }

    private protected string Plan => _plan;

    private protected string Key => _key;

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
