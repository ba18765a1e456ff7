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
        private readonly Dictionary<DateOnly, long> _days = [];
        private readonly Bucket _plan = new();
        private (QuotaPeriod Period, DateOnly Start)? _quotaPeriod;
        private long _quotaUsed;

        public UsageDecision Charge(UsageCharge charge, int retentionDays)
        {
            var now = TokenBucket.Microseconds(charge.Now);
            (QuotaPeriod Period, DateOnly Start) period = default;
            long used = 0;
            if (charge.Quota is { } quota)
            {
                period = (quota.Period, QuotaWindow.Of(charge.Now, quota).Start);

                // A request stamped in an earlier period than the one counting (a clock a little behind, just after
                // a boundary) counts in the current one rather than resetting it, as the Redis script does.
                if (_quotaPeriod is { } current && current.Period == period.Period && current.Start > period.Start)
                {
                    period = current;
                }

                used = _quotaPeriod == period ? _quotaUsed : 0;
                if (used >= quota.Limit)
                {
                    return new UsageDecision(UsageOutcome.QuotaExceeded, 0, null);
                }
            }

            var remaining = charge.Quota is { } q ? q.Limit - used : (long?)null;
            var planTokens = 0d;
            if (charge.PlanThrottle is { } planThrottle)
            {
                planTokens = _plan.Tokens(now, planThrottle);
                if (planTokens < 1)
                {
                    return new UsageDecision(UsageOutcome.PlanThrottled, remaining, TokenBucket.RetryAfter(planTokens, planThrottle));
                }
            }

            var routeTokens = 0d;
            Bucket? route = null;
            if (charge.Route is { } routeThrottle)
            {
                if (!_routes.TryGetValue(routeThrottle.BucketId, out route))
                {
                    _routes[routeThrottle.BucketId] = route = new Bucket();
                }

                routeTokens = route.Tokens(now, routeThrottle.Settings);
                if (routeTokens < 1)
                {
                    return new UsageDecision(UsageOutcome.RouteThrottled, remaining, TokenBucket.RetryAfter(routeTokens, routeThrottle.Settings));
                }
            }

            // Admitted: take the tokens, count the request.
            if (charge.PlanThrottle is not null)
            {
                _plan.Take(planTokens, now);
            }

            route?.Take(routeTokens, now);
            if (charge.Quota is not null)
            {
                _quotaPeriod = period;
                _quotaUsed = used + 1;
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
            var oldest = day.AddDays(1 - retentionDays);
            foreach (var past in _days.Keys.Where(d => d < oldest).ToList())
            {
                _days.Remove(past);
            }

            _days[day] = 1;
        }
    }

    /// <summary>A bucket as last left: <see cref="_left"/> tokens at <see cref="_updated"/> (µs since the epoch). Not thread-safe.</summary>
    private sealed class Bucket
    {
        private bool _used;
        private double _left;
        private long _updated;

        /// <summary>The tokens at <paramref name="now"/>; a bucket never used, or unused for its lifetime, is full.</summary>
        public double Tokens(long now, ThrottleSettings settings) =>
            !_used || now - _updated >= TokenBucket.Lifetime(settings).Ticks / (TimeSpan.TicksPerMillisecond / 1000)
                ? settings.BurstLimit
                : TokenBucket.Refill(_left, _updated, now, settings);

        /// <summary>Takes one of <paramref name="tokens"/> (what <see cref="Tokens"/> said) at <paramref name="now"/>; time never goes back.</summary>
        public void Take(double tokens, long now)
        {
            _left = tokens - 1;
            _updated = _used ? Math.Max(_updated, now) : now;
            _used = true;
        }
    }
}
