using StackExchange.Redis;

namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The registry's Redis operations for one replica, one typed method per script or command: every method is one
/// round trip. StackExchange.Redis does not take cancellation tokens, so a cancelled call stops waiting but the
/// command still runs on the server.
/// </summary>
internal sealed class RedisRegistryStore(IDatabase database, RedisRegistryKeys keys, string replicaId)
{
    public RedisRegistryKeys Keys => keys;

    /// <summary>
    /// Loads every script on every server, so the client knows their hashes and later calls are EVALSHA alone;
    /// after a server restart (which forgets them) the client falls back to EVAL by itself.
    /// </summary>
    public static async Task LoadScriptsAsync(IConnectionMultiplexer connection, CancellationToken cancellationToken)
    {
        foreach (var endpoint in connection.GetEndPoints())
        {
            var server = connection.GetServer(endpoint);
            foreach (var script in RedisRegistryScripts.All)
            {
                await server.ScriptLoadAsync(script).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task AddAsync(ConnectionRecord record, CancellationToken cancellationToken)
    {
        var values = RedisRecordFormat.ToFieldValues(record);
        values.Insert(0, record.ConnectionId);
        return EvaluateAsync(RedisRegistryScripts.Add,
            [keys.Connection(record.ConnectionId), keys.ReplicaConnections(replicaId)], [.. values], cancellationToken);
    }

    /// <summary>Publishes <paramref name="message"/> to the connection's owner; false when the connection is gone.</summary>
    public async Task<bool> RouteAsync(string scope, string connectionId, RegistryMessage message, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync(RedisRegistryScripts.Route,
            [keys.Connection(connectionId)], [scope, keys.Prefix, message.Encode()], cancellationToken).ConfigureAwait(false);
        return (long)result > 0;
    }

    public async Task<ConnectionRecord?> GetAsync(string scope, string connectionId, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync(RedisRegistryScripts.Get,
            [keys.Connection(connectionId)], [scope, keys.Prefix], cancellationToken).ConfigureAwait(false);
        return result.IsNull ? null : RedisRecordFormat.FromFieldValues((RedisValue[])result!);
    }

    /// <summary>Joins or leaves; 0 = Gone, 1 = the owner (another replica) was told, 2 = this replica owns it.</summary>
    public async Task<int> MembershipAsync(string scope, string connectionId, string scopedRoom, bool join, CancellationToken cancellationToken)
    {
        var message = new RegistryMessage(join ? RegistryCommand.Join : RegistryCommand.Leave, connectionId, scopedRoom, default);
        RedisValue[] values = [scope, keys.Prefix, connectionId, scopedRoom, replicaId, message.Encode(), join ? "1" : "0"];
        var result = await EvaluateAsync(RedisRegistryScripts.Membership,
            [keys.Connection(connectionId), keys.ConnectionRooms(connectionId), keys.Room(scopedRoom)], values, cancellationToken)
            .ConfigureAwait(false);
        return (int)result;
    }

    /// <summary>
    /// Deletes the connection and its memberships; the record only for the one caller that deleted it. With
    /// <paramref name="claimFrom"/>, only while that replica owns it and is dead (the janitor's claim).
    /// </summary>
    public async Task<ConnectionRecord?> RemoveAsync(string connectionId, string? claimFrom, CancellationToken cancellationToken)
    {
        var forget = new RegistryMessage(RegistryCommand.Forget, connectionId, "", default).Encode();
        RedisValue[] values = [keys.Prefix, connectionId, replicaId, forget, claimFrom ?? ""];
        var result = await EvaluateAsync(RedisRegistryScripts.Remove,
            [keys.Connection(connectionId), keys.ConnectionRooms(connectionId)], values, cancellationToken).ConfigureAwait(false);
        return result.IsNull ? null : RedisRecordFormat.FromFieldValues((RedisValue[])result!);
    }

    /// <summary>Fire and forget: the caller does not wait, and a lost touch only leaves LastActiveAt older.</summary>
    public void Touch(string connectionId, DateTimeOffset lastActiveAt) =>
        database.ScriptEvaluate(RedisRegistryScripts.Touch, [keys.Connection(connectionId)],
            [RedisRecordFormat.FormatTime(lastActiveAt)], CommandFlags.FireAndForget);

    public async Task<string[]> MembersAsync(string scopedRoom, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync(RedisRegistryScripts.Members, [keys.Room(scopedRoom)], [keys.Prefix], cancellationToken)
            .ConfigureAwait(false);
        return (string[])result!;
    }

    /// <summary>Publishes the broadcast to every replica; the room's member count.</summary>
    public async Task<int> BroadcastAsync(string scopedRoom, RegistryMessage message, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync(RedisRegistryScripts.Broadcast,
            [keys.Room(scopedRoom)], [keys.BroadcastName, message.Encode()], cancellationToken).ConfigureAwait(false);
        return (int)result;
    }

    /// <summary>Writes this replica's heartbeat and its place in the replica set; false when the heartbeat had expired.</summary>
    public async Task<bool> HeartbeatAsync(TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RedisValue[] values = [replicaId, (long)ttl.TotalMilliseconds, RedisRecordFormat.FormatTime(now)];
        var result = await EvaluateAsync(RedisRegistryScripts.Heartbeat, [keys.Heartbeat(replicaId), keys.Replicas], values, cancellationToken)
            .ConfigureAwait(false);
        return (int)result == 1;
    }

    public Task DeleteHeartbeatAsync(CancellationToken cancellationToken) =>
        database.KeyDeleteAsync(keys.Heartbeat(replicaId)).WaitAsync(cancellationToken);

    public async Task<string[]> DeadReplicasAsync(CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync(RedisRegistryScripts.DeadReplicas, [keys.Replicas], [keys.Prefix, replicaId], cancellationToken)
            .ConfigureAwait(false);
        return (string[])result!;
    }

    public Task<bool> TryLockAsync(string deadReplicaId, TimeSpan ttl, CancellationToken cancellationToken) =>
        database.StringSetAsync(keys.JanitorLock(deadReplicaId), replicaId, ttl, When.NotExists).WaitAsync(cancellationToken);

    public Task UnlockAsync(string deadReplicaId, CancellationToken cancellationToken) =>
        EvaluateAsync(RedisRegistryScripts.Unlock, [keys.JanitorLock(deadReplicaId)], [replicaId], cancellationToken);

    public async Task<string[]> ConnectionsOfAsync(string otherReplicaId, CancellationToken cancellationToken)
    {
        var members = await database.SetMembersAsync(keys.ReplicaConnections(otherReplicaId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return Array.ConvertAll(members, member => (string)member!);
    }

    /// <summary>Drops a dead replica from the replica set once it has no connection left; true when dropped.</summary>
    public async Task<bool> ForgetAsync(string deadReplicaId, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync(RedisRegistryScripts.Forget,
            [keys.Replicas, keys.Heartbeat(deadReplicaId), keys.ReplicaConnections(deadReplicaId)], [deadReplicaId], cancellationToken)
            .ConfigureAwait(false);
        return (int)result == 1;
    }

    /// <summary>Which of <paramref name="connectionIds"/> no longer have a record.</summary>
    public async Task<string[]> MissingConnectionsAsync(IReadOnlyCollection<string> connectionIds, CancellationToken cancellationToken)
    {
        var values = new RedisValue[connectionIds.Count + 1];
        values[0] = keys.Prefix;
        var i = 1;
        foreach (var connectionId in connectionIds)
        {
            values[i++] = connectionId;
        }

        var result = await EvaluateAsync(RedisRegistryScripts.MissingConnections, [], values, cancellationToken).ConfigureAwait(false);
        return (string[])result!;
    }

    private Task<RedisResult> EvaluateAsync(string script, RedisKey[] scriptKeys, RedisValue[] values, CancellationToken cancellationToken) =>
        database.ScriptEvaluateAsync(script, scriptKeys, values).WaitAsync(cancellationToken);
}
