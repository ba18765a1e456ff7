namespace Platform.ConnectionHub.Connections;

/// <summary>A client connected to this replica: a raw WebSocket or a SignalR connection.</summary>
public interface ILocalConnection
{
    string ConnectionId { get; }

    /// <summary>Queues a push (never blocks); false when the connection is closing. The payload is shared: never change it.</summary>
    bool Send(Registry.PushPayload payload);

    /// <summary>Starts closing the connection with <paramref name="status"/>; its handler then runs <c>$disconnect</c>.</summary>
    void Close(System.Net.WebSockets.WebSocketCloseStatus status, string reason);

    /// <summary>When data last went either way, for the idle timeout.</summary>
    long LastActivityTimestamp { get; }

    /// <summary>When the connection opened, for the maximum duration.</summary>
    long ConnectedTimestamp { get; }

    Definitions.WebSocketSettings Settings { get; }
}
