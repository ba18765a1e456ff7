using System.Net.WebSockets;

namespace Platform.HubLoad;

/// <summary>One open client socket, its hub-assigned id, and the loop that counts what it receives.</summary>
internal sealed class ClientConnection : IDisposable
{
    private readonly WebSocket _socket;

    public ClientConnection(WebSocket socket, HubTarget target, string id, MessageCounter counter)
    {
        _socket = socket;
        Target = target;
        Id = id;
        Receiving = ReceiveAsync(counter);
    }

    public HubTarget Target { get; }

    public string Id { get; }

    public Task Receiving { get; }

    public void Dispose() => _socket.Dispose();

    private async Task ReceiveAsync(MessageCounter counter)
    {
        // Our messages are exactly Payload.Size; anything longer is counted as "other" without being kept.
        var buffer = new byte[Payload.Size + 64];
        var length = 0;
        var oversized = false;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                length += result.Count;
                if (!result.EndOfMessage)
                {
                    if (length == buffer.Length)
                    {
                        oversized = true;
                        length = 0;
                    }

                    continue;
                }

                counter.Record(oversized ? default : buffer.AsSpan(0, length));
                length = 0;
                oversized = false;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed by Dispose at the end of the run, or by the hub.
        }
    }
}
