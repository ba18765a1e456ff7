using System.Collections.Concurrent;
using System.Net.WebSockets;
using Platform.ConnectionHub.Events;
using Platform.ConnectionHub.Registry;

namespace Platform.ConnectionHub.Connections;

/// <summary>
/// The connections whose sockets this replica holds, and the registry's way in to them: pushes, closes and the
/// <c>$disconnect</c> of connections orphaned by a dead replica.
/// </summary>
public sealed class LocalConnections(IServiceProvider services) : IConnectionSink
{
    private readonly ConcurrentDictionary<string, ILocalConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public IEnumerable<ILocalConnection> All => _connections.Values;

    public void Add(ILocalConnection connection) => _connections[connection.ConnectionId] = connection;

    private readonly Lock _emptyLock = new();
    private TaskCompletionSource? _empty;

    public void Remove(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out _) && _connections.IsEmpty)
        {
            lock (_emptyLock)
            {
                _empty?.TrySetResult();
            }
        }
    }

    /// <summary>Completes when no connection is left (at once when there is none).</summary>
    public Task WhenEmpty()
    {
        lock (_emptyLock)
        {
            if (_connections.IsEmpty)
            {
                return Task.CompletedTask;
            }

            _empty ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _empty.Task;
        }
    }

    public bool Send(string connectionId, PushPayload payload) =>
        _connections.TryGetValue(connectionId, out var connection) && connection.Send(payload);

    public bool Close(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return false;
        }

        connection.Close(WebSocketCloseStatus.NormalClosure, "Connection deleted");
        return true;
    }

    public Task OnOrphanedAsync(ConnectionRecord record, CancellationToken cancellationToken) =>
        services.GetRequiredService<ConnectionEvents>().DisconnectOrphanAsync(record, cancellationToken);
}
