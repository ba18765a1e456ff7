using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Platform.Definitions.UsagePlans;
using Platform.Gateway.UsagePlans;
using Platform.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Platform.Gateway.Throttling;

/// <summary>
/// Token buckets in Redis, shared by every gateway replica: one EVALSHA takes up to the wanted tokens atomically
/// (<see cref="Script"/>), so two replicas never both take the last token. Replicas lease several tokens per call
/// (<see cref="ThrottleLease"/>), which keeps Redis traffic well under one call per request.
/// </summary>
/// <remarks>
/// Time comes from the gateway (as in the usage-plan store): a bucket's time only moves forward, so a replica whose
/// clock is behind refills nothing until its clock passes the last writer's, and skew can never mint tokens.
/// A bucket's hash expires once it would be full again (PEXPIRE of the bucket's lifetime), so idle buckets cost nothing.
/// </remarks>
internal sealed class RedisThrottleStore : IThrottleStore, Hosting.IRedisWarmup
{
    /// <summary>
    /// KEYS[1] the bucket (hash: <c>t</c> tokens, <c>ts</c> µs of the last refill). ARGV: now (µs since the epoch), rate/s,
    /// burst, tokens wanted, lifetime (ms). Returns {granted, ms until a whole token (-1: one is left, or never)}.
    /// </summary>
    public const string Script = """
        local now, rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local want, life = tonumber(ARGV[4]), tonumber(ARGV[5])
        local got = redis.call('HMGET', KEYS[1], 't', 'ts')
        local t, ts = tonumber(got[1]), tonumber(got[2])
        if t == nil or ts == nil then
          t, ts = burst, now
        elseif now > ts then
          t = math.min(burst, t + (now - ts) * rate / 1000000)
          ts = now
        end
        local take = math.floor(t)
        if take > want then take = want end
        if take < 0 then take = 0 end
        t = t - take
        redis.call('HSET', KEYS[1], 't', string.format('%.17g', t), 'ts', string.format('%d', ts))
        redis.call('PEXPIRE', KEYS[1], life)
        local wait = -1
        if t < 1 and rate > 0 and burst >= 1 then wait = math.ceil((1 - t) / rate * 1000) end
        return {take, wait}
        """;

    private static readonly ConditionalWeakTable<ThrottleSettings, RedisValue[]> Arguments = [];

    private readonly RedisLuaScript _script;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ThrottlingTelemetry _telemetry;

    public RedisThrottleStore(PlatformRedis redis, IOptions<ThrottlingOptions> options, ThrottlingTelemetry telemetry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _script = new RedisLuaScript(redis, Script);
        _time = time;
        _timeout = options.Value.StoreTimeout;
        _telemetry = telemetry;
    }

    public bool IsShared => true;

    public string Name => "throttle";

    /// <summary>Connects and loads the script ahead of the first request (see <see cref="Hosting.RedisStoreWarmup"/>).</summary>
    public Task PrepareAsync() => _script.LoadAsync();

    public async ValueTask<ThrottleGrant> TakeAsync(string bucket, ThrottleSettings limits, int want)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var shared = Arguments.GetValue(limits, static s =>
        [
            s.RateLimit.ToString("R", CultureInfo.InvariantCulture),
            s.BurstLimit,
            (long)Math.Ceiling(TokenBucket.Lifetime(s).TotalMilliseconds),
        ]);
        _telemetry.RecordStoreCall("redis");
        RedisValue[] values = [TokenBucket.Microseconds(_time.GetUtcNow()), shared[0], shared[1], want, shared[2]];
        var reply = (RedisResult[])(await _script.EvaluateAsync([bucket], values, _timeout).ConfigureAwait(false))!;
        var wait = (long)reply[1];
        return new ThrottleGrant((int)(long)reply[0], wait < 0 ? null : TimeSpan.FromMilliseconds(wait));
    }
}
