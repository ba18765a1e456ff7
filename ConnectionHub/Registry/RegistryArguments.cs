namespace Platform.ConnectionHub.Registry;

/// <summary>Argument checks shared by both registries, so both reject the same calls with the same messages.</summary>
internal static class RegistryArguments
{
    public static void ThrowIfNotOwnedBy(ConnectionRecord record, string replicaId)
    {
        ArgumentException.ThrowIfNullOrEmpty(record.ConnectionId, nameof(record));
        ArgumentException.ThrowIfNullOrEmpty(record.Scope, nameof(record));
        if (record.ReplicaId != replicaId)
        {
            throw new ArgumentException(
                $"Connection '{record.ConnectionId}' names replica '{record.ReplicaId}', but only this replica ('{replicaId}') can register its own connections.",
                nameof(record));
        }
    }

    public static void ThrowIfInvalid(string scope, string connectionId, string room)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ThrowIfInvalid(scope, room);
    }

    public static void ThrowIfInvalid(string scope, string room)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrEmpty(room);
    }
}
