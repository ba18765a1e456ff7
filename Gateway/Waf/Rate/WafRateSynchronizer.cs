using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Platform.Gateway.Waf.Rate;

/// <summary>
/// Shares rate-based counts between replicas through Redis, off the request path: every
/// <see cref="WafOptions.RateSyncInterval"/> it takes the requests each counter gathered since the last sync and
/// sends them all in one script call (<see cref="RedisWafRateScript"/>, chunks of <see cref="MaxKeysPerCall"/>),
/// which answers each address's total over the window across replicas; counters near their limit are refreshed even
/// without new requests, so a replica learns that another has pushed an address over. A replica blocks on
/// last-known shared total + its requests since, so each sees the others' requests at most one interval late:
/// over-admission is at most what the other replicas admitted since the last sync. An address new to a replica is
/// judged on that replica's own count until its first sync, at most one interval after its first request.
/// <para>When Redis does not answer, the counts stay local (they are restored and sent with the next sync) and each
/// replica goes on judging by what it knows — the shared part fails open, requests never fail — with a metric per
/// failed sync and a warning at most every <see cref="FailureLogInterval"/>. It recovers on the first sync that
/// succeeds. In embedded mode (no Redis) it only sweeps idle counters.</para>
/// </summary>
internal sealed partial class WafRateSynchronizer(
    PlatformRedis redis,
    WafRateLimiter limiter,
    IOptions<WafOptions> options,
    TimeProvider time,
    WafTelemetry telemetry,
    ILogger<WafRateSynchronizer> logger) : BackgroundService
{
    public const int MaxKeysPerCall = 256;

    public static readonly TimeSpan FailureLogInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly TimeSpan _timeout = options.Value.RateSyncTimeout;
    private long _failures;
    private long _lastFailureLog;

    /// <summary>Whether the last sync failed (Redis away).</summary>
    public bool Failing => Interlocked.Read(ref _failures) > 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RateSyncInterval, time);
        var lastSweep = time.GetTimestamp();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!redis.IsEmbedded)
            {
                await SyncAsync().ConfigureAwait(false);
            }

            if (time.GetElapsedTime(lastSweep) >= options.Value.SweepInterval)
            {
                limiter.Sweep();
                lastSweep = time.GetTimestamp();
            }
        }
    }

    /// <summary>One sync now (the timer calls it; tests do too, to sync at a known moment). False when Redis did not answer.</summary>
    public async Task<bool> SyncAsync()
    {
        if (redis.IsEmbedded)
        {
            return true;
        }

        await _sync.WaitAsync().ConfigureAwait(false);
        try
        {
            var due = limiter.CountersToSync();
            for (var start = 0; start < due.Count; start += MaxKeysPerCall)
            {
                if (!await SyncChunkAsync(due.GetRange(start, Math.Min(MaxKeysPerCall, due.Count - start))).ConfigureAwait(false))
                {
                    return false;
                }
            }

            if (Interlocked.Exchange(ref _failures, 0) is > 0 and var failed)
            {
                Log.Recovered(logger, failed);
            }

            return true;
        }
        finally
        {
            _sync.Release();
        }
    }

    private async Task<bool> SyncChunkAsync(List<RateCounter> counters)
    {
        var keys = new RedisKey[counters.Count];
        var arguments = new List<RedisValue>(counters.Count * 5);
        var drained = new List<(long Slice, long Count)>[counters.Count];
        var sent = new long[counters.Count];
        var slices = new long[counters.Count];
        for (var i = 0; i < counters.Count; i++)
        {
            var counter = counters[i];
            var rule = counter.Key.Rule;
            keys[i] = counter.RedisKey;
            slices[i] = limiter.SliceOf(rule);
            drained[i] = [];
            counter.Drain(drained[i]);
            sent[i] = drained[i].Sum(static p => p.Count);
            arguments.Add(slices[i]);
            arguments.Add((rule.WindowSeconds * 1000L) + rule.SliceMilliseconds);
            arguments.Add(drained[i].Count);
            foreach (var (slice, count) in drained[i])
            {
                arguments.Add(slice);
                arguments.Add(count);
            }
        }

        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(RedisWafRateScript.Sync, keys, [.. arguments])
                .WaitAsync(_timeout).ConfigureAwait(false);
            var totals = (RedisResult[])result!;
            for (var i = 0; i < counters.Count; i++)
            {
                counters[i].Synced(sent[i], (long)totals[i], slices[i]);
            }

            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException or ObjectDisposedException)
        {
            for (var i = 0; i < counters.Count; i++)
            {
                counters[i].Restore(drained[i], sent[i]);
            }

            Failed(ex);
            return false;
        }
    }

    private void Failed(Exception exception)
    {
        var failures = Interlocked.Increment(ref _failures);
        telemetry.RecordSyncFailure();
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastFailureLog);
        if ((failures == 1 || time.GetElapsedTime(last, now) >= FailureLogInterval)
            && Interlocked.CompareExchange(ref _lastFailureLog, now, last) == last)
        {
            Log.SyncFailed(logger, failures, exception.GetType().Name, exception.Message);
        }
    }

    public override void Dispose()
    {
        _sync.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "WAF rate-based rules: Redis did not answer ({Failures} failed syncs; {Error}: {Message}); counting locally, each replica judging by what it has seen.")]
        public static partial void SyncFailed(ILogger logger, long failures, string error, string message);

        [LoggerMessage(2, LogLevel.Information, "WAF rate-based rules: Redis answers again after {Failures} failed syncs; counts are shared again.")]
        public static partial void Recovered(ILogger logger, long failures);
    }
}
