namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The registry's Lua scripts: each call is one script, so one round trip and one atomic step on the server.
/// Names of per-replica and per-room keys are built inside the scripts from the prefix (see
/// <see cref="RedisRegistryKeys"/>), which is fine on a single Redis; Redis Cluster would need hash tags.
/// </summary>
internal static class RedisRegistryScripts
{
    // A connection is live when its hash exists in the caller's scope and its owner's heartbeat has not expired.
    private const string LiveOwner = """
        local function live_owner(hash, scope, prefix)
          local f = redis.call('HMGET', hash, 'scope', 'replicaId')
          if f[1] ~= scope or not f[2] then
            return nil
          end
          if redis.call('EXISTS', prefix .. 'replica:' .. f[2]) == 0 then
            return nil
          end
          return f[2]
        end

        """;

    /// <summary>KEYS: hash, owner's connection set. ARGV: id, then HSET's field/value pairs. A reused id starts afresh.</summary>
    public const string Add = """
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], unpack(ARGV, 2))
        redis.call('SADD', KEYS[2], ARGV[1])
        return 1
        """;

    /// <summary>
    /// KEYS: hash. ARGV: scope, prefix, message. Publishes the message to the owner; 0 (Gone) when the connection
    /// is not live or nobody listens on the owner's channel (the process died before its heartbeat expired).
    /// </summary>
    public const string Route = LiveOwner + """
        local owner = live_owner(KEYS[1], ARGV[1], ARGV[2])
        if not owner then
          return 0
        end
        return redis.call('PUBLISH', ARGV[2] .. 'replica:' .. owner .. ':commands', ARGV[3])
        """;

    /// <summary>KEYS: hash. ARGV: scope, prefix. The hash's fields and values, or nil when not live.</summary>
    public const string Get = LiveOwner + """
        local owner = live_owner(KEYS[1], ARGV[1], ARGV[2])
        if not owner then
          return false
        end
        if redis.call('PUBSUB', 'NUMSUB', ARGV[2] .. 'replica:' .. owner .. ':commands')[2] == 0 then
          return false
        end
        return redis.call('HGETALL', KEYS[1])
        """;

    /// <summary>
    /// KEYS: hash, connection's room set, room's member set. ARGV: scope, prefix, id, scoped room, caller replica,
    /// message for the owner, '1' to join or '0' to leave. 0 = Gone, 1 = the owner was told, 2 = the caller owns it.
    /// The owner's channel hears the Join before any broadcast published after this script, so the new member gets it.
    /// </summary>
    public const string Membership = LiveOwner + """
        local owner = live_owner(KEYS[1], ARGV[1], ARGV[2])
        if not owner then
          return 0
        end
        if owner ~= ARGV[5] and redis.call('PUBLISH', ARGV[2] .. 'replica:' .. owner .. ':commands', ARGV[6]) == 0 then
          return 0
        end
        if ARGV[7] == '1' then
          redis.call('SADD', KEYS[3], ARGV[3])
          redis.call('SADD', KEYS[2], ARGV[4])
        else
          redis.call('SREM', KEYS[3], ARGV[3])
          redis.call('SREM', KEYS[2], ARGV[4])
        end
        if owner == ARGV[5] then
          return 2
        end
        return 1
        """;

    /// <summary>
    /// KEYS: hash, connection's room set. ARGV: prefix, id, caller replica, Forget message, and either '' or the
    /// dead replica being claimed from (then only while its heartbeat is missing). Deletes the connection with
    /// every membership and returns the hash it deleted, or nil: of racing callers exactly one gets the hash.
    /// </summary>
    public const string Remove = """
        local owner = redis.call('HGET', KEYS[1], 'replicaId')
        if not owner then
          if ARGV[5] ~= '' then
            redis.call('SREM', ARGV[1] .. 'replica-conns:' .. ARGV[5], ARGV[2])
          end
          return false
        end
        if ARGV[5] ~= '' and (owner ~= ARGV[5] or redis.call('EXISTS', ARGV[1] .. 'replica:' .. owner) == 1) then
          return false
        end
        local record = redis.call('HGETALL', KEYS[1])
        for _, room in ipairs(redis.call('SMEMBERS', KEYS[2])) do
          redis.call('SREM', ARGV[1] .. 'room:' .. room, ARGV[2])
        end
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('SREM', ARGV[1] .. 'replica-conns:' .. owner, ARGV[2])
        if owner ~= ARGV[3] and ARGV[5] == '' then
          redis.call('PUBLISH', ARGV[1] .. 'replica:' .. owner .. ':commands', ARGV[4])
        end
        return record
        """;

    /// <summary>KEYS: hash. ARGV: time. Never re-creates a removed connection's hash.</summary>
    public const string Touch = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          redis.call('HSET', KEYS[1], 'lastActiveAt', ARGV[1])
        end
        return 0
        """;

    /// <summary>KEYS: room set. ARGV: prefix. The members whose connection is live.</summary>
    public const string Members = """
        local live, owners = {}, {}
        for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          local owner = redis.call('HGET', ARGV[1] .. 'conn:' .. id, 'replicaId')
          if owner then
            local alive = owners[owner]
            if alive == nil then
              alive = redis.call('EXISTS', ARGV[1] .. 'replica:' .. owner) == 1
                and redis.call('PUBSUB', 'NUMSUB', ARGV[1] .. 'replica:' .. owner .. ':commands')[2] > 0
              owners[owner] = alive
            end
            if alive then
              live[#live + 1] = id
            end
          end
        end
        return live
        """;

    /// <summary>KEYS: room set. ARGV: broadcast channel, message. The member count; published only when there are members.</summary>
    public const string Broadcast = """
        local n = redis.call('SCARD', KEYS[1])
        if n > 0 then
          redis.call('PUBLISH', ARGV[1], ARGV[2])
        end
        return n
        """;

    /// <summary>KEYS: heartbeat, replica set. ARGV: replica id, TTL in ms, time. 1 when the heartbeat still existed.</summary>
    public const string Heartbeat = """
        local existed = redis.call('EXISTS', KEYS[1])
        redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[2])
        redis.call('SADD', KEYS[2], ARGV[1])
        return existed
        """;

    /// <summary>KEYS: replica set. ARGV: prefix, own replica id. The other replicas whose heartbeat has expired.</summary>
    public const string DeadReplicas = """
        local dead = {}
        for _, replica in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          if replica ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. 'replica:' .. replica) == 0 then
            dead[#dead + 1] = replica
          end
        end
        return dead
        """;

    /// <summary>
    /// KEYS: replica set, dead replica's heartbeat, its connection set. ARGV: its id. Forgets it only when it is
    /// still dead and has no connection left; 1 when forgotten.
    /// </summary>
    public const string Forget = """
        if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('SCARD', KEYS[3]) > 0 then
          return 0
        end
        redis.call('SREM', KEYS[1], ARGV[1])
        return 1
        """;

    /// <summary>KEYS: lock. ARGV: holder. Deletes the lock only if this holder still has it.</summary>
    public const string Unlock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    /// <summary>ARGV: prefix, then connection ids. The ids whose hash no longer exists.</summary>
    public const string MissingConnections = """
        local missing = {}
        for i = 2, #ARGV do
          if redis.call('EXISTS', ARGV[1] .. 'conn:' .. ARGV[i]) == 0 then
            missing[#missing + 1] = ARGV[i]
          end
        end
        return missing
        """;

    /// <summary>Every script, for loading them once at start so later calls are a bare EVALSHA.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Add, Route, Get, Membership, Remove, Touch, Members, Broadcast, Heartbeat, DeadReplicas, Forget, Unlock, MissingConnections];
}
