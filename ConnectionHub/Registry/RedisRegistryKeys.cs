using StackExchange.Redis;

namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The registry's Redis names, all under one prefix <c>p</c> (<see cref="ConnectionRegistryOptions.KeyPrefix"/>).
/// The Lua scripts build the per-replica and per-room names from the same patterns, so the two must agree:
/// <list type="table">
///   <item><term><c>{p}conn:{id}</c></term><description>hash: the <see cref="ConnectionRecord"/>.</description></item>
///   <item><term><c>{p}conn-rooms:{id}</c></term><description>set: the scoped rooms the connection joined.</description></item>
///   <item><term><c>{p}room:{scope}/{room}</c></term><description>set: the room's connection ids.</description></item>
///   <item><term><c>{p}replica:{rid}</c></term><description>string with a TTL: the replica's heartbeat.</description></item>
///   <item><term><c>{p}replica-conns:{rid}</c></term><description>set: the ids of the replica's connections.</description></item>
///   <item><term><c>{p}replicas</c></term><description>set: every replica that has not been forgotten.</description></item>
///   <item><term><c>{p}janitor-lock:{rid}</c></term><description>string with a TTL: who is claiming a dead replica's connections.</description></item>
///   <item><term>channel <c>{p}replica:{rid}:commands</c></term><description>commands for the replica's sockets.</description></item>
///   <item><term>channel <c>{p}broadcast</c></term><description>room broadcasts, heard by every replica.</description></item>
/// </list>
/// Scopes are <c>{apiId}/{stage}</c> and neither part holds a slash, so <c>{scope}/{room}</c> is unambiguous.
/// </summary>
internal sealed class RedisRegistryKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Replicas { get; } = prefix + "replicas";

    public string BroadcastName { get; } = prefix + "broadcast";

    public RedisChannel Broadcast => new(BroadcastName, RedisChannel.PatternMode.Literal);

    public RedisKey Connection(string connectionId) => Prefix + "conn:" + connectionId;

    public RedisKey ConnectionRooms(string connectionId) => Prefix + "conn-rooms:" + connectionId;

    public RedisKey Room(string scopedRoom) => Prefix + "room:" + scopedRoom;

    public RedisKey Heartbeat(string replicaId) => Prefix + "replica:" + replicaId;

    public RedisKey ReplicaConnections(string replicaId) => Prefix + "replica-conns:" + replicaId;

    public RedisKey JanitorLock(string replicaId) => Prefix + "janitor-lock:" + replicaId;

    public RedisChannel Commands(string replicaId) => new(Prefix + "replica:" + replicaId + ":commands", RedisChannel.PatternMode.Literal);
}
