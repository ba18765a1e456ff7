namespace Platform.Gateway.UsagePlans;

/// <summary>
/// The one Lua script a request costs in Redis (EVALSHA): it reads the key's buckets and quota counter, decides,
/// and only when the request is admitted takes the tokens, counts the quota and the day's usage. Redis runs a script
/// alone, so two gateways charging the same key never both take the last token or the last request of a quota.
/// </summary>
/// <remarks>
/// <para>Time comes from the gateway (ARGV[1]), not from <c>redis.call('TIME')</c>: the quota period and the usage
/// day are calendar arithmetic the gateway does anyway from the same instant, so one request reads one clock; the
/// in-memory store and tests share that clock (a fake one in tests). Replicas run NTP-synced clocks; the skew left
/// cannot mint tokens, because a bucket's time only moves forward (a replica behind the last writer refills
/// nothing until its clock passes that time), so skew delays refills by at most the skew.</para>
/// <para>Lifetimes are relative (PEXPIRE, EXPIRE), computed from that same instant, so keys live as long as
/// intended whatever Redis's own clock says.</para>
/// <para>Numbers are written with <c>string.format</c>: Redis turns a Lua number argument into text with 14
/// significant digits, which would round a microsecond timestamp.</para>
/// </remarks>
internal static class RedisUsagePlanScript
{
    /// <summary>
    /// KEYS: 1 plan bucket, 2 route bucket, 3 quota counter, 4 usage hash of the day.
    /// ARGV: 1 now (µs since the epoch); 2, 3, 4 plan rate/s, burst, bucket lifetime (ms), empty when the plan has
    /// no throttle; 5, 6, 7 the same for the route override; 8 quota limit, empty when none; 9 quota counter lifetime
    /// (s); 10 the usage hash field (key id); 11 the usage hash lifetime (s).
    /// Returns { outcome (0 allowed, 1 plan throttled, 2 route throttled, 3 quota exceeded), remaining quota (-1: no
    /// quota), milliseconds until a token (-1: none) }.
    /// </summary>
    public const string Charge = """
        local now = tonumber(ARGV[1])

        local function tokens(key, rate, burst, lifetime)
          local state = redis.call('HMGET', key, 't', 'ts')
          local left, at = tonumber(state[1]), tonumber(state[2])
          if left == nil or at == nil or now - at >= lifetime * 1000 then
            return burst, now
          end
          if now > at then
            left = math.min(burst, left + (now - at) * rate / 1000000)
            at = now
          end
          return left, at
        end

        local function wait(left, rate, burst)
          if rate <= 0 or burst < 1 then return -1 end
          return math.ceil((1 - left) / rate * 1000)
        end

        local limit = tonumber(ARGV[8])
        local used = 0
        if limit then
          used = tonumber(redis.call('GET', KEYS[3]) or '0')
          if used >= limit then return {3, 0, -1} end
        end
        local remaining = -1
        if limit then remaining = limit - used end

        local planRate, planBurst, planLife = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local planLeft, planAt
        if planRate then
          planLeft, planAt = tokens(KEYS[1], planRate, planBurst, planLife)
          if planLeft < 1 then return {1, remaining, wait(planLeft, planRate, planBurst)} end
        end

        local routeRate, routeBurst, routeLife = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
        local routeLeft, routeAt
        if routeRate then
          routeLeft, routeAt = tokens(KEYS[2], routeRate, routeBurst, routeLife)
          if routeLeft < 1 then return {2, remaining, wait(routeLeft, routeRate, routeBurst)} end
        end

        if planRate then
          redis.call('HSET', KEYS[1], 't', string.format('%.17g', planLeft - 1), 'ts', string.format('%d', planAt))
          redis.call('PEXPIRE', KEYS[1], planLife)
        end
        if routeRate then
          redis.call('HSET', KEYS[2], 't', string.format('%.17g', routeLeft - 1), 'ts', string.format('%d', routeAt))
          redis.call('PEXPIRE', KEYS[2], routeLife)
        end
        if limit then
          used = redis.call('INCR', KEYS[3])
          if used == 1 then redis.call('EXPIRE', KEYS[3], ARGV[9]) end
          remaining = limit - used
        end
        if redis.call('HINCRBY', KEYS[4], ARGV[10], 1) == 1 then
          redis.call('EXPIRE', KEYS[4], ARGV[11])
        end
        return {0, remaining, -1}
        """;
}
