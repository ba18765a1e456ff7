using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Definitions.UsagePlans;
using Platform.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// Usage-plan state in Redis, shared by every gateway replica on it: one EVALSHA of
/// <see cref="RedisUsagePlanScript.Charge"/> per request decides and counts atomically. The script is loaded once
/// (SCRIPT LOAD, on first use); when the server has forgotten it (restart, SCRIPT FLUSH) the call answers NOSCRIPT
/// and that one request is sent again as EVAL, which caches it on the server again. StackExchange.Redis takes no
/// cancellation tokens: a cancelled call stops waiting, the command still runs.
/// </summary>
internal sealed class RedisUsagePlanStore(PlatformRedis redis, IOptions<UsagePlanOptions> options) : IUsagePlanStore
{
    /// <summary>Quota counters outlive their period by a day, for requests stamped just before a boundary.</summary>
    private static readonly TimeSpan QuotaGrace = TimeSpan.FromDays(1);

    private readonly RedisUsagePlanKeys _keys = new(options.Value.KeyPrefix);
    private readonly string _usageLifetime = (options.Value.UsageRetentionDays * 86_400L + 86_400L).ToString(CultureInfo.InvariantCulture);
    private readonly Lock _loadLock = new();
    private Task<byte[]>? _hash;

    public string Name => "redis";

    public async ValueTask<UsageDecision> ChargeAsync(UsageCharge charge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var state = _keys.State(charge.PlanId, charge.KeyId);
        var window = charge.Quota is { } quota ? QuotaWindow.Of(charge.Now, quota) : default;
        RedisKey[] keys =
        [
            state,
            charge.Route is { } route ? _keys.RouteBucket(charge.PlanId, charge.KeyId, route) : state,
            _keys.Usage(charge.PlanId, charge.Day),
        ];
        RedisValue[] values =
        [
            TokenBucket.Microseconds(charge.Now),
            .. Throttle(charge.PlanThrottle),
            .. Throttle(charge.Route?.Settings),
            charge.Quota is { } limit ? limit.Limit : RedisValue.EmptyString,
            charge.Quota is { } period ? RedisUsagePlanKeys.QuotaPeriodId(period.Period, window.Start) : RedisValue.EmptyString,
            charge.Quota is not null ? StateLifetime(charge.Now, window, charge.PlanThrottle) : 0,
            charge.KeyId,
            _usageLifetime,
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
        var fields = keyIds.Select(static k => (RedisValue)k).ToArray();

        // One HMGET per day, pipelined: the multiplexer writes them back to back and the replies come in order.
        var reads = new Task<RedisValue[]>[days];
        for (var d = 0; d < days; d++)
        {
            reads[d] = database.HashGetAsync(_keys.Usage(planId, first.AddDays(d)), fields);
        }

        await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);
        var usage = new long[keyIds.Count][];
        for (var k = 0; k < keyIds.Count; k++)
        {
            usage[k] = new long[days];
            for (var d = 0; d < days; d++)
            {
                var value = reads[d].Result[k];
                usage[k][d] = value.IsNull ? 0 : (long)value;
            }
        }

        return usage;
    }

    /// <summary>
    /// Seconds from <paramref name="now"/> to the end of its quota period plus a day's grace — at least the plan
    /// bucket's lifetime, which the same hash holds.
    /// </summary>
    private static long StateLifetime(DateTimeOffset now, QuotaWindow window, ThrottleSettings? throttle)
    {
        var lifetime = window.EndUtc + QuotaGrace - now;
        if (throttle is not null && TokenBucket.Lifetime(throttle) > lifetime)
        {
            lifetime = TokenBucket.Lifetime(throttle);
        }

        return (long)Math.Ceiling(lifetime.TotalSeconds);
    }

    private static RedisValue[] Throttle(ThrottleSettings? settings) => settings is null
        ? [RedisValue.EmptyString, RedisValue.EmptyString, RedisValue.EmptyString]
        :
        [
            settings.RateLimit,
            settings.BurstLimit,
            (long)TokenBucket.Lifetime(settings).TotalMilliseconds,
        ];

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

    /// <summary>Connects and loads the script ahead of the first request (see <see cref="UsagePlanStoreWarmup"/>).</summary>
    public Task PrepareAsync() => LoadAsync();

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
}
