using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Platform.Definitions.UsagePlans;
using Platform.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// Usage-plan state in Redis, shared by every gateway replica on it: one EVALSHA of
/// <see cref="RedisUsagePlanScript.Charge"/> per request decides and counts atomically. The script is loaded once
/// (SCRIPT LOAD, on first use); when the server has forgotten it (restart, SCRIPT FLUSH) the call answers NOSCRIPT
/// and that one request is sent again as EVAL, which caches it on the server again. Key names and the throttles'
/// arguments are built once and kept (their number is bounded by the definitions). StackExchange.Redis takes no
/// cancellation tokens: a cancelled call stops waiting, the command still runs.
/// </summary>
internal sealed class RedisUsagePlanStore(PlatformRedis redis, IOptions<UsagePlanOptions> options) : IUsagePlanStore
{
    private static readonly RedisValue[] NoThrottle = [RedisValue.EmptyString, RedisValue.EmptyString, RedisValue.EmptyString];
    private static readonly ConditionalWeakTable<ThrottleSettings, RedisValue[]> ThrottleArguments = [];

    private readonly RedisUsagePlanKeys _keys = new(options.Value.KeyPrefix);
    private readonly int _retentionDays = options.Value.UsageRetentionDays;
    private readonly RedisValue _stateLifetime = ((options.Value.UsageRetentionDays + 1) * 86_400L).ToString(CultureInfo.InvariantCulture);
    private readonly ConcurrentDictionary<(string Plan, string Key), RedisKey> _stateKeys = new();
    private readonly ConcurrentDictionary<(string Plan, string Key, string Route), RedisKey> _routeKeys = new();
    private readonly Lock _loadLock = new();
    private Task<byte[]>? _hash;
    private UsageDay? _today;

    public string Name => "redis";

    public async ValueTask<UsageDecision> ChargeAsync(UsageCharge charge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var state = _stateKeys.GetOrAdd((charge.PlanId, charge.KeyId), static (k, keys) => keys.State(k.Plan, k.Key), _keys);
        var day = Day(charge.Day);
        RedisKey[] keys =
        [
            state,
            charge.Route is { } route
                ? _routeKeys.GetOrAdd((charge.PlanId, charge.KeyId, route.BucketId), static (k, s) => s._keys.RouteBucket(k.Plan, k.Key, k.Route), this)
                : state,
        ];
        RedisValue[] values =
        [
            TokenBucket.Microseconds(charge.Now),
            .. Throttle(charge.PlanThrottle),
            .. Throttle(charge.Route?.Settings),
            charge.Quota is { } quota ? quota.Limit : RedisValue.EmptyString,
            charge.Quota is { } period ? RedisUsagePlanKeys.QuotaPeriodId(period.Period, QuotaWindow.Of(charge.Now, period).Start) : RedisValue.EmptyString,
            day.Field,
            day.OldestKept,
            _stateLifetime,
        ];

        var result = (RedisResult[])(await EvaluateAsync(keys, values, cancellationToken).ConfigureAwait(false))!;
        var outcome = (UsageOutcome)(int)result[0];
        var remaining = (long)result[1];
        var wait = (long)result[2];
        return new UsageDecision(
            outcome,
            remaining < 0 ? null : remaining,
            wait < 0 ? null : TimeSpan.FromMilliseconds(wait));
    }

    public async Task<long[][]> ReadUsageAsync(string planId, IReadOnlyList<string> keyIds, DateOnly first, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planId);
        ArgumentNullException.ThrowIfNull(keyIds);
        await LoadAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var database = redis.GetDatabase();
        var fields = Enumerable.Range(0, days).Select(d => (RedisValue)RedisUsagePlanKeys.UsageField(first.AddDays(d))).ToArray();

        // One HMGET per key, pipelined: the multiplexer writes them back to back and the replies come in order.
        var reads = keyIds.Select(key => database.HashGetAsync(_keys.State(planId, key), fields)).ToArray();
        await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);
        return [.. reads.Select(static read => read.Result.Select(static v => v.IsNull ? 0L : (long)v).ToArray())];
    }

    /// <summary>Connects and loads the script ahead of the first request (see <see cref="UsagePlanStoreWarmup"/>).</summary>
    public Task PrepareAsync() => LoadAsync();

    private static RedisValue[] Throttle(ThrottleSettings? settings) => settings is null
        ? NoThrottle
        : ThrottleArguments.GetValue(settings, static s =>
        [
            s.RateLimit.ToString("R", CultureInfo.InvariantCulture),
            s.BurstLimit,
            (long)TokenBucket.Lifetime(s).TotalMilliseconds,
        ]);

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

    private async Task<RedisResult> EvaluateAsync(RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken)
    {
        // Loading first also connects: requests wait for that one task instead of each blocking a thread on the connection.
        var hash = await LoadAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var database = redis.GetDatabase();
        try
        {
            return await database.ScriptEvaluateAsync(hash, keys, values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // The server lost its script cache; EVAL runs the script and caches it again for the next EVALSHA.
            return await database.ScriptEvaluateAsync(RedisUsagePlanScript.Charge, keys, values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Connects (the first time) and runs SCRIPT LOAD on every primary, once, on a pool thread: the connection is
    /// opened synchronously, and concurrent first requests must wait on one task rather than each block a thread.
    /// A failed load (Redis away) is retried by the next request.
    /// </summary>
    private Task<byte[]> LoadAsync()
    {
        var hash = Volatile.Read(ref _hash);
        if (hash is { IsFaulted: false, IsCanceled: false })
        {
            return hash;
        }

        lock (_loadLock)
        {
            if (_hash is null || _hash.IsFaulted || _hash.IsCanceled)
            {
                _hash = Task.Run(LoadCoreAsync);
            }

            return _hash;
        }
    }

    private async Task<byte[]> LoadCoreAsync()
    {
        var connection = redis.Connection;
        var endpoints = connection.GetEndPoints();
        byte[]? hash = null;
        foreach (var endpoint in endpoints)
        {
            var server = connection.GetServer(endpoint);
            if (server.IsConnected && !server.IsSlave)
            {
                hash = await server.ScriptLoadAsync(RedisUsagePlanScript.Charge).ConfigureAwait(false);
            }
        }

        // Nothing connected: the client's own error (RedisConnectionException) says why.
        return hash ?? await connection.GetServer(endpoints[0]).ScriptLoadAsync(RedisUsagePlanScript.Charge).ConfigureAwait(false);
    }

    private sealed record UsageDay(DateOnly Day, RedisValue Field, RedisValue OldestKept);
}
