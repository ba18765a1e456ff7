namespace Platform.Gateway.UsagePlans;

/// <summary>
/// The one Lua script a request costs in Redis (EVALSHA): it reads the key's state, decides, and only when the
/// request is admitted takes the tokens and counts the request against the quota and in the day's usage. Redis
/// runs a script alone, so two gateways charging the same key never both take the last token or the last request
/// of a quota. All of a key's state in a plan is one hash, so an admitted request costs two commands inside the
/// script (HMGET, HSET), three more with a route override; the first request of a day also refreshes the hash's
/// lifetime and drops the days the usage report no longer covers.
/// </summary>
/// <remarks>
/// <para>Time comes from the gateway (ARGV[1]), not from <c>redis.call('TIME')</c>: the quota period and the usage
/// day are calendar arithmetic the gateway does anyway from the same instant, so one request reads one clock; the
/// in-memory store and tests share that clock (a fake one in tests). Replicas run NTP-synced clocks; the skew left
/// cannot mint tokens, because a bucket's time only moves forward (a replica behind the last writer refills
/// nothing until its clock passes that time), so skew delays refills by at most the skew.</para>
/// <para>Lifetimes are relative (EXPIRE, PEXPIRE), so keys live as long as intended whatever Redis's own clock says.
/// The key's hash lives as long as the usage it holds; a bucket forgotten longer than its lifetime is full again
/// (the refill check, not the expiry, decides that).</para>
/// <para>Numbers are written with <c>string.format</c>: Redis turns a Lua number argument into text with 14
/// significant digits, which would round a microsecond timestamp.</para>
/// </remarks>
internal static class RedisUsagePlanScript
{
    /// <summary>
    /// KEYS: 1 the key's state in the plan (hash: <c>t</c>, <c>ts</c> plan bucket; <c>qw</c>, <c>qc</c> quota period and
    /// count; <c>d:yyyy-MM-dd</c> requests per day), 2 the route override's bucket (hash: <c>t</c>, <c>ts</c>).
    /// ARGV: 1 now (µs since the epoch); 2, 3, 4 plan rate/s, burst, bucket lifetime (ms), empty when the plan has no
    /// throttle; 5, 6, 7 the same for the route override; 8 quota limit, empty when none; 9 the quota period's id;
    /// 10 today's usage field; 11 the oldest usage field kept; 12 the hash's lifetime (s).
    /// Returns { outcome (0 allowed, 1 plan throttled, 2 route throttled, 3 quota exceeded), remaining quota (-1: no
    /// quota), milliseconds until a token (-1: none) }.
    /// </summary>
    public const string Charge = """
        local now = tonumber(ARGV[1])

        local function refill(left, at, rate, burst, lifetime)
          left, at = tonumber(left), tonumber(at)
          if left == nil or at == nil or now - at >= lifetime * 1000 then
            return burst, now
          end
          if now > at then
            return math.min(burst, left + (now - at) * rate / 1000000), now
          end
          return left, at
        end

        local function wait(left, rate, burst)
          if rate <= 0 or burst < 1 then return -1 end
          return math.ceil((1 - left) / rate * 1000)
        end

        local state = redis.call('HMGET', KEYS[1], 't', 'ts', 'qw', 'qc', ARGV[10])
        local limit = tonumber(ARGV[8])
        local period = ARGV[9]
        local used, remaining = 0, -1
        if limit then
          -- A request stamped in an earlier period than the one counting (a replica's clock a little behind, just
          -- after a boundary) counts in the current one rather than resetting it.
          local stored = state[3]
          if stored and stored > period and stored:match('^%a+') == period:match('^%a+') then period = stored end
          if stored == period then used = tonumber(state[4]) or 0 end
          if used >= limit then return {3, 0, -1} end
          remaining = limit - used
        end

        local planRate, planBurst, planLife = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local planLeft, planAt
        if planRate then
          planLeft, planAt = refill(state[1], state[2], planRate, planBurst, planLife)
          if planLeft < 1 then return {1, remaining, wait(planLeft, planRate, planBurst)} end
        end

        local routeRate, routeBurst, routeLife = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
        local routeLeft, routeAt
        if routeRate then
          local route = redis.call('HMGET', KEYS[2], 't', 'ts')
          routeLeft, routeAt = refill(route[1], route[2], routeRate, routeBurst, routeLife)
          if routeLeft < 1 then return {2, remaining, wait(routeLeft, routeRate, routeBurst)} end
        end

        local fields = {ARGV[10], (tonumber(state[5]) or 0) + 1}
        if planRate then
          fields[#fields + 1] = 't'; fields[#fields + 1] = string.format('%.17g', planLeft - 1)
          fields[#fields + 1] = 'ts'; fields[#fields + 1] = string.format('%d', planAt)
        end
        if limit then
          fields[#fields + 1] = 'qw'; fields[#fields + 1] = period
          fields[#fields + 1] = 'qc'; fields[#fields + 1] = used + 1
          remaining = remaining - 1
        end
        redis.call('HSET', KEYS[1], unpack(fields))
        if not state[5] then
          redis.call('EXPIRE', KEYS[1], ARGV[12])
          for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
            if field:sub(1, 2) == 'd:' and field < ARGV[11] then redis.call('HDEL', KEYS[1], field) end
          end
        end
        if routeRate then
          redis.call('HSET', KEYS[2], 't', string.format('%.17g', routeLeft - 1), 'ts', string.format('%d', routeAt))
          redis.call('PEXPIRE', KEYS[2], routeLife)
        end
        return {0, remaining, -1}
        """;
}
