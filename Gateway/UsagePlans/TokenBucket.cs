using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// The token-bucket arithmetic of both stores (<see cref="RedisUsagePlanScript"/> repeats it in Lua): a bucket
/// starts full at <see cref="ThrottleSettings.BurstLimit"/> tokens, refills at <see cref="ThrottleSettings.RateLimit"/>
/// tokens per second up to the burst, and a request takes one whole token. Times are microseconds since the epoch.
/// </summary>
internal static class TokenBucket
{
    /// <summary>How long a bucket that refills at no rate lives before it is forgotten (and so starts full again).</summary>
    public static readonly TimeSpan NoRefillLifetime = TimeSpan.FromDays(1);

    /// <summary>
    /// The tokens of a bucket left with <paramref name="tokens"/> at <paramref name="updated"/>, seen at
    /// <paramref name="now"/>. A clock behind <paramref name="updated"/> (another replica's, a little slow) adds
    /// nothing rather than taking tokens away, so skew between replicas can never mint tokens.
    /// </summary>
    public static double Refill(double tokens, long updated, long now, ThrottleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (now <= updated)
        {
            return tokens;
        }

        return Math.Min(settings.BurstLimit, tokens + (now - updated) * settings.RateLimit / 1_000_000d);
    }

    /// <summary>When a bucket holding <paramref name="tokens"/> (less than one) holds a whole token; null if it never refills.</summary>
    public static TimeSpan? RetryAfter(double tokens, ThrottleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.RateLimit <= 0 || settings.BurstLimit < 1)
        {
            return null;
        }

        return TimeSpan.FromMilliseconds(Math.Ceiling((1 - tokens) / settings.RateLimit * 1000));
    }

    /// <summary>
    /// How long after its last use a bucket is full again, plus a second, so a store may forget it then (it would
    /// start full); at most <see cref="NoRefillLifetime"/>, which is also the lifetime of a bucket that never refills.
    /// </summary>
    public static TimeSpan Lifetime(ThrottleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.RateLimit <= 0)
        {
            return NoRefillLifetime;
        }

        var milliseconds = Math.Ceiling(settings.BurstLimit / settings.RateLimit * 1000) + 1000;
        return milliseconds >= NoRefillLifetime.TotalMilliseconds ? NoRefillLifetime : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>Microseconds since the Unix epoch.</summary>
    public static long Microseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (TimeSpan.TicksPerMillisecond / 1000);
}
