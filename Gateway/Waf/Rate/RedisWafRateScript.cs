namespace Platform.Gateway.Waf.Rate;

/// <summary>
/// The Lua script of <see cref="WafRateSynchronizer"/>: for every counter of a sync, adds this replica's new requests
/// to their slices (a hash per rule and address: field = slice number, value = requests), drops the slices that left
/// the window, renews the hash's lifetime, and answers the window's total across replicas. One call per sync, however
/// many addresses; Redis runs it alone, so replicas' additions never interleave.
/// </summary>
internal static class RedisWafRateScript
{
    /// <summary>
    /// KEYS: the counters' hashes. ARGV, per key: the newest slice number, the hash's lifetime (ms), the number of
    /// (slice, count) pairs, then the pairs. Returns one total per key.
    /// </summary>
    public const string Sync = """
        local results = {}
        local a = 1
        for i, key in ipairs(KEYS) do
          local newest = tonumber(ARGV[a])
          local lifetime = ARGV[a + 1]
          local pairs = tonumber(ARGV[a + 2])
          a = a + 3
          for p = 1, pairs do
            redis.call('HINCRBY', key, ARGV[a], ARGV[a + 1])
            a = a + 2
          end
          local oldest = newest - 29 -- RateRule.Slices - 1: the window is the newest slice and the 29 before it
          local total = 0
          local fields = redis.call('HGETALL', key)
          for f = 1, #fields, 2 do
            if tonumber(fields[f]) < oldest then
              redis.call('HDEL', key, fields[f])
            else
              total = total + tonumber(fields[f + 1])
            end
          end
          if pairs > 0 then
            redis.call('PEXPIRE', key, lifetime)
          end
          results[i] = total
        end
        return results
        """;
}
