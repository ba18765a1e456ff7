namespace Platform.ConnectionHub.Registry;

/// <summary>
/// This replica's sockets, as the registry sees them: the registry hands it the commands addressed to
/// connections this replica owns, whichever replica received the <c>@connections</c> call. Implementations
/// must not block: queue the frame and return.
/// </summary>
public interface IConnectionSink
{
    /// <summary>
    /// Queues <paramref name="payload"/> on the connection's socket; false when it is not open here. The payload is
    /// shared by every member of a broadcast: keep it as it is, never copy or change it.
    /// </summary>
    bool Send(string connectionId, PushPayload payload);

    /// <summary>Starts closing the connection as <c>DELETE @connections/{id}</c> does; false when it is not open here.</summary>
    bool Close(string connectionId);

    /// <summary>
    /// A connection of a replica that died: the registry removed its record (exactly once across replicas) and
    /// the hub must now run its <c>$disconnect</c>. Called at most once per connection.
    /// </summary>
    Task OnOrphanedAsync(ConnectionRecord record, CancellationToken cancellationToken);
}
