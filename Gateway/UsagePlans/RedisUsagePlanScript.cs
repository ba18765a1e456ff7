namespace Platform.Gateway.UsagePlans;

/// <summary>
/// The Lua script of <see cref="RedisUsagePlanStore"/>, sent with EVALSHA for a batch of requests (one or more): for
/// each, in order, it reads the key's state, decides, and only when the request is admitted takes the tokens and
/// counts it against the quota and in the day's usage. Redis runs a script alone, so two gateways charging the
/// same key never both take the last token or the last request of a quota. A key's state in a plan is one hash
/// with the bucket and quota packed in one field: it is read once per call (HMGET) and written once (HSET), however
/// many of the batch's requests use the key; a route override's bucket likewise (HMGET, HSET, PEXPIRE). The first
/// request of a key on a day also renews the hash's lifetime and drops the days the usage report no longer covers.
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
/// <para>Times are written as the gateway sent them, or with <c>string.format('%d')</c>: Lua turns a number into
/// text with 14 significant digits, which would round a microsecond timestamp (tokens keep 14 digits, plenty).</para>
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
    /// when none; the quota period's id; the day's usage field; the oldest usage field kept.
    /// Returns, per charge: outcome (0 allowed, 1 plan throttled, 2 route throttled, 3 quota exceeded), remaining
    /// quota (-1: no quota), milliseconds until a token (-1: none).
    /// </summary>
    public const string Charge = """
        local states, routes = {}, {}

        -- A key's state, read once per call: charges of the same key in one batch update it in memory, and it is
        -- written back once at the end.
        local function state(key, day, oldest)
          local s = states[key]
          if not s then
            local got = redis.call('HMGET', key, 's', day)
            s = {t = '', ts = '', qw = '', qc = '', days = {}, newDays = false, oldest = oldest}
            if got[1] then
              local t, ts, qw, qc = string.match(got[1], '^([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
              s.t, s.ts, s.qw, s.qc = t or '', ts or '', qw or '', qc or ''
            end
            s.days[day] = tonumber(got[2]) or 0
            s.newDays = not got[2]
            states[key] = s
          elseif s.days[day] == nil then
            local count = redis.call('HGET', key, day)
            s.days[day] = tonumber(count) or 0
            s.newDays = s.newDays or not count
          end
          if oldest > s.oldest then s.oldest = oldest end
          return s
        end

        local function route(key)
          local r = routes[key]
          if not r then
            local got = redis.call('HMGET', key, 't', 'ts')
            r = {t = got[1], ts = got[2], life = 0}
            routes[key] = r
          end
          return r
        end

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
          local nowText, day = ARGV[a + 1], ARGV[a + 10]
          local now = tonumber(nowText)
          local s = state(stateKey, day, ARGV[a + 11])

          local limit, period = tonumber(ARGV[a + 8]), ARGV[a + 9]
          local used, remaining = 0, -1
          if limit then
            -- A request stamped in an earlier period than the one counting (a replica's clock a little behind,
            -- just after a boundary) counts in the current one rather than resetting it.
            if s.qw > period and s.qw:match('^%a+') == period:match('^%a+') then period = s.qw end
            if s.qw == period then used = tonumber(s.qc) or 0 end
            if used >= limit then return 3, 0, -1 end
            remaining = limit - used
          end

          local planRate, planBurst, planLife = tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
          local planLeft, planAt
          if planRate then
            planLeft, planAt = refill(now, s.t, s.ts, planRate, planBurst, planLife)
            if planLeft < 1 then return 1, remaining, wait(planLeft, planRate, planBurst) end
          end

          local routeRate, routeBurst, routeLife = tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6]), tonumber(ARGV[a + 7])
          local r, routeLeft, routeAt
          if routeRate then
            r = route(routeKey)
            routeLeft, routeAt = refill(now, r.t, r.ts, routeRate, routeBurst, routeLife)
            if routeLeft < 1 then return 2, remaining, wait(routeLeft, routeRate, routeBurst) end
          end

          if planRate then
            s.t, s.ts = planLeft - 1, planAt == now and nowText or string.format('%d', planAt)
          end
          if r then
            r.t, r.ts, r.life = routeLeft - 1, routeAt == now and nowText or string.format('%d', routeAt), routeLife
          end
          if limit then
            s.qw, s.qc = period, used + 1
            remaining = remaining - 1
          end
          s.days[day] = s.days[day] + 1
          s.dirty = true
          return 0, remaining, -1
        end

        local results = {}
        for i = 1, #KEYS / 2 do
          local outcome, remaining, wait = charge(KEYS[2 * i - 1], KEYS[2 * i], 1 + (i - 1) * 11)
          results[#results + 1] = outcome
          results[#results + 1] = remaining
          results[#results + 1] = wait
        end

        for key, s in pairs(states) do
          if s.dirty then
            local fields = {'s', s.t .. '|' .. s.ts .. '|' .. s.qw .. '|' .. s.qc}
            for day, count in pairs(s.days) do
              if count > 0 then fields[#fields + 1] = day; fields[#fields + 1] = count end
            end
            redis.call('HSET', key, unpack(fields))
            if s.newDays then
              redis.call('EXPIRE', key, ARGV[1])
              for _, field in ipairs(redis.call('HKEYS', key)) do
                if field:sub(1, 2) == 'd:' and field < s.oldest then redis.call('HDEL', key, field) end
              end
            end
          end
        end
        for key, r in pairs(routes) do
          if r.life > 0 then
            redis.call('HSET', key, 't', r.t, 'ts', r.ts)
            redis.call('PEXPIRE', key, r.life)
          end
        end
        return results
        """;
}
