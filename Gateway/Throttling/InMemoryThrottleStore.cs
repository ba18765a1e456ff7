using System.Collections.Concurrent;
using Platform.Definitions.UsagePlans;
using Platform.Gateway.UsagePlans;

namespace Platform.Gateway.Throttling;

/// <summary>Token buckets in this process (embedded mode): exact, no leases. Buckets unused past their lifetime are swept on the way.</summary>
internal sealed class InMemoryThrottleStore(TimeProvider time) : IThrottleStore
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _nextSweep;

    public bool IsShared => false;

    public ValueTask<ThrottleGrant> TakeAsync(string bucket, ThrottleSettings limits, int want)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var now = TokenBucket.Microseconds(time.GetUtcNow());
        var state = _buckets.GetOrAdd(bucket, static _ => new Bucket());
        ThrottleGrant grant;
        lock (state)
        {
            var lifetime = (long)TokenBucket.Lifetime(limits).TotalMicroseconds;
            var tokens = state.Updated == 0 || now - state.Updated >= lifetime
                ? limits.BurstLimit
                : TokenBucket.Refill(state.Tokens, state.Updated, now, limits);
            var granted = (int)Math.Min(want, Math.Floor(tokens));
            granted = Math.Max(granted, 0);
            tokens -= granted;
            state.Tokens = tokens;
            state.Updated = Math.Max(state.Updated, now);
            grant = new ThrottleGrant(granted, tokens < 1 ? TokenBucket.RetryAfter(tokens, limits) : null);
        }

        Sweep(now);
        return ValueTask.FromResult(grant);
    }

    /// <summary>Puts back a token taken by a request that a later bucket refused (never above the burst).</summary>
    public void Return(string bucket, ThrottleSettings limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (_buckets.TryGetValue(bucket, out var state))
        {
            lock (state)
            {
                state.Tokens = Math.Min(limits.BurstLimit, state.Tokens + 1);
            }
        }
    }

    /// <summary>Once a minute, forgets buckets untouched for a day (the longest bucket lifetime): they would start full anyway.</summary>
    private void Sweep(long now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + 60_000_000, next) != next)
        {
            return;
        }

        var horizon = now - (long)TokenBucket.NoRefillLifetime.TotalMicroseconds;
        foreach (var (key, bucket) in _buckets)
        {
            if (Volatile.Read(ref bucket.Updated) < horizon)
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed class Bucket
    {
        public double Tokens;
        public long Updated;
    }
}
