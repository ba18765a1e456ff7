namespace Platform.Gateway.UsagePlans;

/// <summary>
/// The Lua script of <see cref="RedisUsagePlanStore"/>, sent with EVALSHA for a batch of requests (one or more): for
/// each, in order, it reads the key's state, decides, and only when the request is admitted takes the tokens and
/// counts it against the quota and in the day's usage. Redis runs a script alone, so two gateways charging the
/// same key never both take the last token or the last request of a quota. A key's state in a plan is one hash
/// with the bucket and quota packed in one field, so an admitted request costs two commands inside the script
/// (HMGET, HSET), three more with a route override; the first request of a key on a day also renews the hash's
/// lifetime and drops the days the usage report no longer covers.
/// </summary>
/// <remarks>
/// <para>Time comes from the gateway (each charge's <c>now</c>), not from <c>redis.call('TIME')</c>: the quota
/// period and the usage day are calendar arithmetic the gateway does anyway from the same instant, so one request
/// reads one clock; the in-memory store and tests share that clock (a fake one in tests). Replicas run NTP-synced
/// clocks; the skew left cannot mint tokens, because a bucket's time only moves forward (a replica behind the
/// last writer refills nothing until its clock passes that time), so skew delays refills by at most the skew.</para>
/// <para>Lifetimes are relative (EXPIRE, PEXPIRE), so keys live as long as intended whatever Redis's own clock says.
/// The key's hash lives as long as the usage it holds; a bucket unused longer than its lifetime is full again (the
/// refill check decides that, not the expiry).</para>
/// <para>Numbers are written with <c>string.format</c>: Redis turns a Lua number into text with 14 significant
/// digits, which would round a microsecond timestamp.</para>
/// </remarks>
internal static class RedisUsagePlanScript
{
    /// <summary>Arguments per charge, after the one shared argument.</summary>
    public const int ArgumentsPerCharge = 11;

    /// <summary>
    /// KEYS, two per charge: the key's state in the plan (hash: <c>s</c> = <c>tokens|µs|quota period|count</c>;
    /// <c>d:yyyy-MM-dd</c> requests per day), the route override's bucket (hash: <c>t</c>, <c>ts</c>).
    /// ARGV: 1 the state hash's lifetime (s); then per charge: now (µs since the epoch); plan rate/s, burst, bucket
    /// lifetime (ms), empty when the plan has no throttle; the same for the route override; quota limit, empty
    /// when none; the quota period's id; today's usage field; the oldest usage field kept.
    /// Returns, per charge: outcome (0 allowed, 1 plan throttled, 2 route throttled, 3 quota exceeded), remaining
    /// quota (-1: no quota), milliseconds until a token (-1: none).
    /// </summary>
    public const string Charge = """
        local function refill(now, left, at, rate, burst, lifetime)
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

        local function charge(stateKey, routeKey, a)
          local now = tonumber(ARGV[a + 1])
          local got = redis.call('HMGET', stateKey, 's', ARGV[a + 10])
          local t, ts, qw, qc = '', '', '', ''
          if got[1] then
            t, ts, qw, qc = string.match(got[1], '^([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
            t, ts, qw, qc = t or '', ts or '', qw or '', qc or ''
          end

          local limit, period = tonumber(ARGV[a + 8]), ARGV[a + 9]
          local used, remaining = 0, -1
          if limit then
            -- A request stamped in an earlier period than the one counting (a replica's clock a little behind,
            -- just after a boundary) counts in the current one rather than resetting it.
            if qw > period and qw:match('^%a+') == period:match('^%a+') then period = qw end
            if qw == period then used = tonumber(qc) or 0 end
            if used >= limit then return 3, 0, -1 end
            remaining = limit - used
          end

          local planRate, planBurst, planLife = tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
          if planRate then
            local left, at = refill(now, t, ts, planRate, planBurst, planLife)
            if left < 1 then return 1, remaining, wait(left, planRate, planBurst) end
            t, ts = string.format('%.17g', left - 1), string.format('%d', at)
          end

          local routeRate, routeBurst, routeLife = tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6]), tonumber(ARGV[a + 7])
          local routeLeft, routeAt
          if routeRate then
            local route = redis.call('HMGET', routeKey, 't', 'ts')
            routeLeft, routeAt = refill(now, route[1], route[2], routeRate, routeBurst, routeLife)
            if routeLeft < 1 then return 2, remaining, wait(routeLeft, routeRate, routeBurst) end
          end

          if limit then
            qw, qc = period, used + 1
            remaining = remaining - 1
          end
          redis.call('HSET', stateKey, 's', t .. '|' .. ts .. '|' .. qw .. '|' .. qc, ARGV[a + 10], (tonumber(got[2]) or 0) + 1)
          if not got[2] then
            redis.call('EXPIRE', stateKey, ARGV[1])
            for _, field in ipairs(redis.call('HKEYS', stateKey)) do
              if field:sub(1, 2) == 'd:' and field < ARGV[a + 11] then redis.call('HDEL', stateKey, field) end
            end
          end
          if routeRate then
            redis.call('HSET', routeKey, 't', string.format('%.17g', routeLeft - 1), 'ts', string.format('%d', routeAt))
            redis.call('PEXPIRE', routeKey, routeLife)
          end
          return 0, remaining, -1
        end

        local results = {}
        for i = 1, #KEYS / 2 do
          local outcome, remaining, wait = charge(KEYS[2 * i - 1], KEYS[2 * i], 1 + (i - 1) * 11)
          results[#results + 1] = outcome
          results[#results + 1] = remaining
          results[#results + 1] = wait
        end
        return results
        """;
}
