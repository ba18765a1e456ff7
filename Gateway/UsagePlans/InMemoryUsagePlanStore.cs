using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// Usage-plan state in this process (embedded mode): one lock per plan and key, held for the few arithmetic steps
/// of one decision, so requests of different keys never wait on each other. Semantics are those of
/// <see cref="RedisUsagePlanStore"/>: same buckets, same quota periods, same daily usage, rejected requests count nothing.
/// </summary>
internal sealed class InMemoryUsagePlanStore(IOptions<UsagePlanOptions> options) : IUsagePlanStore
{
    private readonly ConcurrentDictionary<(string Plan, string Key), Meter> _meters = new();
    private readonly int _retentionDays = options.Value.UsageRetentionDays;

    public string Name => "memory";

    public ValueTask<UsageDecision> ChargeAsync(UsageCharge charge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var meter = _meters.GetOrAdd((charge.PlanId, charge.KeyId), static _ => new Meter());
        lock (meter)
        {
            return ValueTask.FromResult(meter.Charge(charge, _retentionDays));
        }
    }

    public Task<long[][]> ReadUsageAsync(string planId, IReadOnlyList<string> keyIds, DateOnly first, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planId);
        ArgumentNullException.ThrowIfNull(keyIds);
        var usage = new long[keyIds.Count][];
        for (var k = 0; k < keyIds.Count; k++)
        {
            usage[k] = new long[days];
            if (_meters.TryGetValue((planId, keyIds[k]), out var meter))
            {
                lock (meter)
                {
                    meter.ReadDays(first, usage[k]);
                }
            }
        }

        return Task.FromResult(usage);
    }

    /// <summary>One key's state in one plan. Not thread-safe: the store locks it.</summary>
    private sealed class Meter
    {
        private readonly Dictionary<string, Bucket> _routes = new(StringComparer.Ordinal);
        private readonly Dictionary<(QuotaPeriod Period, DateOnly Start), (DateOnly End, long Used)> _quota = [];
        private readonly Dictionary<DateOnly, long> _days = [];
        private Bucket? _plan;

        public UsageDecision Charge(UsageCharge charge, int retentionDays)
        {
            var now = TokenBucket.Microseconds(charge.Now);
            (QuotaPeriod, DateOnly) quotaKey = default;
            long used = 0;
            if (charge.Quota is { } quota)
            {
                var window = QuotaWindow.Of(charge.Now, quota);
                quotaKey = (quota.Period, window.Start);
                used = _quota.TryGetValue(quotaKey, out var entry) ? entry.Used : 0;
                if (used >= quota.Limit)
                {
                    return new UsageDecision(UsageOutcome.QuotaExceeded, 0, null);
                }
            }

            var remaining = charge.Quota is { } q ? q.Limit - used : (long?)null;
            var planTokens = 0d;
            if (charge.PlanThrottle is { } planThrottle)
            {
                planTokens = Bucket.Tokens(_plan, now, planThrottle);
                if (planTokens < 1)
                {
                    return new UsageDecision(UsageOutcome.PlanThrottled, remaining, TokenBucket.RetryAfter(planTokens, planThrottle));
                }
            }

            var routeTokens = 0d;
            Bucket? route = null;
            if (charge.Route is { } routeThrottle)
            {
                _routes.TryGetValue(routeThrottle.BucketId, out route);
                routeTokens = Bucket.Tokens(route, now, routeThrottle.Settings);
                if (routeTokens < 1)
                {
                    return new UsageDecision(UsageOutcome.RouteThrottled, remaining, TokenBucket.RetryAfter(routeTokens, routeThrottle.Settings));
                }
            }

            // Admitted: take the tokens, count the request.
            if (charge.PlanThrottle is not null)
            {
                _plan = new Bucket(planTokens - 1, now);
            }

            if (charge.Route is { } taken)
            {
                _routes[taken.BucketId] = new Bucket(routeTokens - 1, now);
            }

            if (charge.Quota is not null)
            {
                if (used == 0)
                {
                    ForgetPastPeriods(charge.Day);
                }

                _quota[quotaKey] = (QuotaWindow.Of(charge.Now, charge.Quota).End, used + 1);
                remaining--;
            }

            CountDay(charge.Day, retentionDays);
            return new UsageDecision(UsageOutcome.Allowed, remaining, null);
        }

        public void ReadDays(DateOnly first, long[] counts)
        {
            for (var d = 0; d < counts.Length; d++)
            {
                counts[d] = _days.GetValueOrDefault(first.AddDays(d));
            }
        }

        private void CountDay(DateOnly day, int retentionDays)
        {
            if (_days.TryGetValue(day, out var count))
            {
                _days[day] = count + 1;
                return;
            }

            // A new day: forget the days the report no longer covers, as Redis expires them.
            var oldest = day.AddDays(-retentionDays);
            foreach (var past in _days.Keys.Where(d => d < oldest).ToList())
            {
                _days.Remove(past);
            }

            _days[day] = 1;
        }

        private void ForgetPastPeriods(DateOnly today)
        {
            // Kept one day past their end, as the Redis counters are, for requests stamped just before midnight.
            foreach (var past in _quota.Where(p => p.Value.End < today).Select(p => p.Key).ToList())
            {
                _quota.Remove(past);
            }
        }
    }

    /// <summary>A bucket as last left: its tokens at <see cref="Updated"/> (µs since the epoch).</summary>
    private sealed record Bucket(double Left, long Updated)
    {
        /// <summary>The tokens at <paramref name="now"/>; a bucket never used, or unused for its lifetime, is full.</summary>
        public static double Tokens(Bucket? bucket, long now, ThrottleSettings settings) =>
            bucket is null || now - bucket.Updated >= TokenBucket.Lifetime(settings).Ticks / (TimeSpan.TicksPerMillisecond / 1000)
                ? settings.BurstLimit
                : TokenBucket.Refill(bucket.Left, bucket.Updated, now, settings);
    }
}
