using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Platform.Definitions.UsagePlans;
using Platform.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// Usage-plan state in Redis, shared by every gateway replica on it. Charges go to Redis as EVALSHA of
/// <see cref="RedisUsagePlanScript.Charge"/>, which decides and counts each atomically — at most one round trip per
/// request, fewer under load: while <see cref="Senders"/> calls are on their way, the charges that arrive queue
/// up and go together in the next call (group commit, up to <see cref="MaxBatch"/>), so a lone request waits for
/// no one and a busy gateway pays the call's cost once per batch. The script is loaded once (SCRIPT LOAD); when the
/// server has forgotten it (restart, SCRIPT FLUSH) the call answers NOSCRIPT and is sent again as EVAL, which caches
/// it again. Every call is bounded by <see cref="UsagePlanOptions.StoreTimeout"/> (StackExchange.Redis 1.2 has no timeout
/// of its own for asynchronous calls); a request whose client went away still waits for its batch.
/// </summary>
internal sealed partial class RedisUsagePlanStore : IUsagePlanStore, Hosting.IRedisWarmup, IDisposable
{
    /// <summary>Calls to Redis in flight at once.</summary>
    public const int Senders = 2;

    /// <summary>Most charges in one call.</summary>
    public const int MaxBatch = 64;

    private static readonly RedisValue[] NoThrottle = [RedisValue.EmptyString, RedisValue.EmptyString, RedisValue.EmptyString];
    private static readonly ConditionalWeakTable<ThrottleSettings, RedisValue[]> ThrottleArguments = [];

    private readonly PlatformRedis _redis;
    private readonly RedisUsagePlanKeys _keys;
    private readonly int _retentionDays;
    private readonly RedisValue _stateLifetime;
    private readonly TimeSpan _timeout;
    private readonly QuotaPeriodName?[] _periodIds = new QuotaPeriodName?[Enum.GetValues<QuotaPeriod>().Length];
    private readonly ConcurrentDictionary<(string Plan, string Key), RedisKey> _stateKeys = new();
    private readonly ConcurrentDictionary<(string Plan, string Key, string Route), RedisKey> _routeKeys = new();
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly ILogger _logger;
    private readonly RedisLuaScript _script;
    private UsageDay? _today;

    public RedisUsagePlanStore(PlatformRedis redis, IOptions<UsagePlanOptions> options, ILogger<RedisUsagePlanStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _script = new RedisLuaScript(redis, RedisUsagePlanScript.Charge);
        _keys = new RedisUsagePlanKeys(options.Value.KeyPrefix);
        _retentionDays = options.Value.UsageRetentionDays;
        _stateLifetime = ((_retentionDays + 1) * 86_400L).ToString(CultureInfo.InvariantCulture);
        _timeout = options.Value.StoreTimeout;
        _logger = logger;
        for (var i = 0; i < Senders; i++)
        {
            _ = Task.Run(SendAsync);
        }
    }

    public string Name => "redis";

    public ValueTask<UsageDecision> ChargeAsync(UsageCharge charge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var state = _stateKeys.GetOrAdd((charge.PlanId, charge.KeyId), static (k, keys) => keys.State(k.Plan, k.Key), _keys);
        var route = charge.Route is { } r
            ? _routeKeys.GetOrAdd((charge.PlanId, charge.KeyId, r.BucketId), static (k, keys) => keys.RouteBucket(k.Plan, k.Key, k.Route), _keys)
            : state;
        var day = Day(charge.Day);
        var planThrottle = Throttle(charge.PlanThrottle);
        var routeThrottle = Throttle(charge.Route?.Settings);
        RedisValue[] arguments =
        [
            TokenBucket.Microseconds(charge.Now),
            planThrottle[0], planThrottle[1], planThrottle[2],
            routeThrottle[0], routeThrottle[1], routeThrottle[2],
            charge.Quota is { } quota ? quota.Limit : RedisValue.EmptyString,
            charge.Quota is { } period ? PeriodId(period.Period, QuotaWindow.Of(charge.Now, period).Start) : RedisValue.EmptyString,
            day.Field,
            day.OldestKept,
        ];

        var pending = new Pending(state, route, arguments);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        // No per-request timer or cancellation: the sender bounds every call by the store timeout.
        return new ValueTask<UsageDecision>(pending.Decision.Task);
    }

    public async Task<long[][]> ReadUsageAsync(string planId, IReadOnlyList<string> keyIds, DateOnly first, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planId);
        ArgumentNullException.ThrowIfNull(keyIds);
        await _script.LoadAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var database = _redis.GetDatabase();
        var fields = Enumerable.Range(0, days).Select(d => (RedisValue)RedisUsagePlanKeys.UsageField(first.AddDays(d))).ToArray();

        // One HMGET per key, pipelined: the multiplexer writes them back to back and the replies come in order.
        var reads = keyIds.Select(key => database.HashGetAsync(_keys.State(planId, key), fields)).ToArray();
        var replies = await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);
        return [.. replies.Select(static reply => reply.Select(static v => v.IsNull ? 0L : (long)v).ToArray())];
    }

    /// <summary>Connects and loads the script ahead of the first request (see <see cref="Hosting.RedisStoreWarmup"/>).</summary>
    public Task PrepareAsync() => _script.LoadAsync();

    /// <summary>Stops the senders once the charges already queued are sent; later charges throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _queue.Writer.TryComplete();

    /// <summary>One sender: takes what has queued up (at least one charge), sends it as one call, answers each.</summary>
    private async Task SendAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var results = await EvaluateAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    var remaining = (long)results[3 * i + 1];
                    var wait = (long)results[3 * i + 2];
                    batch[i].Decision.TrySetResult(new UsageDecision(
                        (UsageOutcome)(int)results[3 * i],
                        remaining < 0 ? null : remaining,
                        wait < 0 ? null : TimeSpan.FromMilliseconds(wait)));
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
            {
                foreach (var pending in batch)
                {
                    pending.Decision.TrySetException(ex);
                }
            }
            catch (Exception ex)
            {
                // Anything else is a bug; the requests fail with it rather than wait forever, and the sender goes on.
                Log.SendFailed(_logger, ex);
                foreach (var pending in batch)
                {
                    pending.Decision.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private async Task<RedisResult[]> EvaluateAsync(List<Pending> batch)
    {
        var keys = new RedisKey[2 * batch.Count];
        var values = new RedisValue[1 + RedisUsagePlanScript.ArgumentsPerCharge * batch.Count];
        values[0] = _stateLifetime;
        for (var i = 0; i < batch.Count; i++)
        {
            keys[2 * i] = batch[i].State;
            keys[2 * i + 1] = batch[i].Route;
            batch[i].Arguments.CopyTo(values, 1 + RedisUsagePlanScript.ArgumentsPerCharge * i);
        }

        // Loading first also connects: the senders wait on that one task instead of blocking a thread on the connection.
        return (RedisResult[])(await _script.EvaluateAsync(keys, values, _timeout).ConfigureAwait(false))!;
    }

    private static RedisValue[] Throttle(ThrottleSettings? settings) => settings is null
        ? NoThrottle
        : ThrottleArguments.GetValue(settings, static s =>
        [
            s.RateLimit.ToString("R", CultureInfo.InvariantCulture),
            s.BurstLimit,
            (long)TokenBucket.Lifetime(s).TotalMilliseconds,
        ]);

    /// <summary>The id of the quota period starting on <paramref name="start"/>, built once per period.</summary>
    private RedisValue PeriodId(QuotaPeriod period, DateOnly start)
    {
        var cached = Volatile.Read(ref _periodIds[(int)period]);
        if (cached is null || cached.Start != start)
        {
            cached = new QuotaPeriodName(start, RedisUsagePlanKeys.QuotaPeriodId(period, start));
            Volatile.Write(ref _periodIds[(int)period], cached);
        }

        return cached.Id;
    }

    /// <summary>Today's usage field and the oldest one kept, built once a day.</summary>
    private UsageDay Day(DateOnly day)
    {
        var today = Volatile.Read(ref _today);
        if (today is null || today.Day != day)
        {
            today = new UsageDay(day, RedisUsagePlanKeys.UsageField(day), RedisUsagePlanKeys.UsageField(day.AddDays(1 - _retentionDays)));
            Volatile.Write(ref _today, today);
        }

        return today;
    }

    /// <summary>A charge waiting for its call; answered on the thread pool, never on a sender.</summary>
    private sealed class Pending(RedisKey state, RedisKey route, RedisValue[] arguments)
    {
        public RedisKey State { get; } = state;

        public RedisKey Route { get; } = route;

        public RedisValue[] Arguments { get; } = arguments;

        public TaskCompletionSource<UsageDecision> Decision { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record UsageDay(DateOnly Day, RedisValue Field, RedisValue OldestKept);

    private sealed record QuotaPeriodName(DateOnly Start, RedisValue Id);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Usage plans: a batch of charges to Redis failed unexpectedly; its requests answered 500.")]
        public static partial void SendFailed(ILogger logger, Exception exception);
    }
}
