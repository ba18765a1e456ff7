using System.Net.WebSockets;
using System.Text;

namespace Platform.Gateway.Tests.WebSockets;

/// <summary>Whole-message sends and receives for tests, each bounded by <see cref="TestTimeouts.Default"/>.</summary>
internal static class WebSocketExchange
{
    public static Task SendTextAsync(this WebSocket socket, string text) => socket.SendMessageAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public static async Task SendMessageAsync(this WebSocket socket, byte[] message, WebSocketMessageType type)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        await socket.SendAsync(message, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next whole message; for a close, its type with no data (the code and reason are on the socket).</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveMessageAsync(this WebSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return (received.MessageType, message.ToArray());
    }

    public static async Task<string> ReceiveTextAsync(this WebSocket socket)
    {
        var (type, data) = await socket.ReceiveMessageAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(data);
    }

    /// <summary>Asks the stand-in hub what it received (<c>whoami</c>).</summary>
    public static async Task<HubReport> WhoAmIAsync(this WebSocket socket)
    {
        await socket.SendTextAsync("whoami");
        return HubReport.Parse(await socket.ReceiveTextAsync());
    }

    /// <summary>Closes from the client side and waits for the hub's answer.</summary>
    public static async Task CloseFromClientAsync(this WebSocket socket, WebSocketCloseStatus status, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        await socket.CloseAsync(status, reason, timeout.Token);
    }
}
