using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Platform.ConnectionHub.Tests.Infrastructure;

/// <summary>A test's WebSocket client: connect, send text, receive the next message or the close, all with timeouts.</summary>
public sealed class Socket : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private Socket(ClientWebSocket client) => Client = client;

    public ClientWebSocket Client { get; }

    public static async Task<Socket> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new ClientWebSocket();
        configure?.Invoke(client.Options);
        using var cts = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(uri, cts.Token);
        return new Socket(client);
    }

    /// <summary>Connects and asks <c>whoami</c> (API chat) for the connection id.</summary>
    public static async Task<(Socket Socket, string ConnectionId)> ConnectWithIdAsync(Uri uri, string whoami = """{"action":"whoami"}""")
    {
        var socket = await ConnectAsync(uri);
        await socket.SendAsync(whoami);
        using var reply = JsonDocument.Parse(await socket.ReceiveTextAsync());
        return (socket, reply.RootElement.GetProperty("connectionId").GetString()!);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] bytes, WebSocketMessageType type, bool endOfMessage = true)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await Client.SendAsync(bytes, type, endOfMessage, cts.Token);
    }

    public async Task<string> ReceiveTextAsync()
    {
        var (type, bytes) = await ReceiveAsync();
        Assert.NotEqual(WebSocketMessageType.Close, type);
        return Encoding.UTF8.GetString(bytes);
    }

    public async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var result = await Client.ReceiveAsync(chunk, cts.Token);
            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, buffer.ToArray());
            }
        }
    }

    /// <summary>Reads until the server's close frame, answers it as browsers do, and returns its status and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ReceiveCloseAsync(bool answer = true)
    {
        while (true)
        {
            var (type, _) = await ReceiveAsync();
            if (type == WebSocketMessageType.Close)
            {
                if (answer && Client.State == WebSocketState.CloseReceived)
                {
                    using var cts = new CancellationTokenSource(Timeout);
                    await Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
                }

                return (Client.CloseStatus, Client.CloseStatusDescription);
            }
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string reason = "bye")
    {
        using var cts = new CancellationTokenSource(Timeout);
        await Client.CloseAsync(status, reason, cts.Token);
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return ValueTask.CompletedTask;
    }
}
