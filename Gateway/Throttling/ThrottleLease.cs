using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.Throttling;

/// <summary>
/// One bucket as this process sees it: tokens taken from the store in a lease and handed out locally, so a busy
/// replica calls the store about once per <see cref="LeaseSize"/> requests; one refill at a time (concurrent
/// requests wait for it rather than each call the store); and, when the store said the bucket is empty, local
/// refusals until its next token is due (asking again at least once a second), so a flood of throttled requests
/// costs almost no store calls either.
/// </summary>
/// <remarks>
/// Leased tokens are usable for <see cref="ThrottlingOptions.LeaseLifetime"/> and then dropped, never returned: a
/// token is only ever admitted after the shared bucket gave it away, so over any interval T every replica together
/// admits at most <c>burst + rate × (T + lifetime)</c>. The price is under-admission: tokens one replica holds while
/// another is refused (at most a lease per replica per lifetime).
/// </remarks>
internal sealed class ThrottleLease
{
    private const int MaxRefills = 8;

    /// <summary>The longest an empty bucket is refused locally before the store is asked again.</summary>
    private static readonly TimeSpan MaxRecheckEmpty = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _lifetime;
    private int _tokens;
    private long _expires;
    private long _emptyUntil;
    private long _nextToken;
    private Task<Exception?>? _refill;
    private int _waiting;

    public ThrottleLease(string bucket, ThrottleSettings limits, int leaseSize, TimeSpan lifetime, TimeProvider time)
    {
        Bucket = bucket;
        Limits = limits;
        LeaseSize = leaseSize;
        _lifetime = (long)(lifetime.TotalSeconds * time.TimestampFrequency);
        _time = time;
    }

    public string Bucket { get; }

    public ThrottleSettings Limits { get; }

    /// <summary>Tokens one call to the store asks for.</summary>
    public int LeaseSize { get; }

    /// <summary>Admits the request with a token of this bucket, refuses it, or reports that the store failed.</summary>
    public async ValueTask<ThrottleOutcome> TakeAsync(IThrottleStore store)
    {
        // A refill shared with other waiters may give out its tokens before this request gets one; it then waits for
        // the next refill, which either has tokens or finds the bucket empty (and the request is refused). The bound
        // only guards against a pathological race.
        for (var attempt = 0; ; attempt++)
        {
            Task<Exception?> refill;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                if (_tokens > 0 && now < _expires)
                {
                    _tokens--;
                    return ThrottleOutcome.Admitted;
                }

                if (now < _emptyUntil)
                {
                    return ThrottleOutcome.Throttled(_time.GetElapsedTime(now, _nextToken) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
                }

                if (attempt == MaxRefills)
                {
                    return ThrottleOutcome.Throttled(TimeSpan.FromSeconds(1));
                }

                _waiting++;
                refill = _refill ??= RefillAsync(store);
            }

            Exception? failure;
            try
            {
                failure = await refill.ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _waiting--;
                }
            }

            if (failure is not null)
            {
                return ThrottleOutcome.StoreFailed(failure);
            }
        }
    }

    /// <summary>Gives back a token this request took but cannot use (a later bucket refused it), if the lease is still live.</summary>
    public void Return()
    {
        lock (_gate)
        {
            if (_time.GetTimestamp() < _expires)
            {
                _tokens++;
            }
        }
    }

    private async Task<Exception?> RefillAsync(IThrottleStore store)
    {
        // Let the callers that found the lease empty register before asking how many tokens to take.
        await Task.Yield();
        int want;
        lock (_gate)
        {
            want = Math.Max(LeaseSize, _waiting);
        }

        try
        {
            var grant = await store.TakeAsync(Bucket, Limits, want).ConfigureAwait(false);
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                _tokens = grant.Granted;
                _expires = now + _lifetime;
                // Refused locally until the next token is due, but asked again at least once per RecheckEmpty: the
                // shared bucket may have been reset (a Redis restart without persistence) or its limits changed.
                var nextToken = grant.NextToken ?? MaxRecheckEmpty;
                _nextToken = now + (long)(nextToken.TotalSeconds * _time.TimestampFrequency);
                _emptyUntil = grant.Granted == 0
                    ? now + (long)((nextToken < MaxRecheckEmpty ? nextToken : MaxRecheckEmpty).TotalSeconds * _time.TimestampFrequency)
                    : 0;
                _refill = null;
            }

            return null;
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                _refill = null;
            }

            return exception;
        }
    }
}

/// <summary>The decision of one bucket.</summary>
internal readonly record struct ThrottleOutcome(ThrottleOutcomeKind Kind, TimeSpan? RetryAfter, Exception? Failure)
{
    public static ThrottleOutcome Admitted => new(ThrottleOutcomeKind.Admitted, null, null);

    public static ThrottleOutcome Throttled(TimeSpan? retryAfter) => new(ThrottleOutcomeKind.Throttled, retryAfter, null);

    /// <summary>The store failed (<paramref name="failure"/>), or was not tried because it failed moments ago (null).</summary>
    public static ThrottleOutcome StoreFailed(Exception? failure) => new(ThrottleOutcomeKind.StoreFailed, null, failure);
}

internal enum ThrottleOutcomeKind
{
    Admitted,
    Throttled,
    StoreFailed,
}
