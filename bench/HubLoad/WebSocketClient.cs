using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace Platform.HubLoad;

/// <summary>
/// Opens a client WebSocket over a plain socket: the RFC 6455 handshake by hand, then the runtime's managed
/// WebSocket on the stream. Cheaper per connection than <c>ClientWebSocket</c>, and able to choose the source
/// address, so that one tool can open tens of thousands of loopback connections.
/// </summary>
internal static class WebSocketClient
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    // Linux IP_BIND_ADDRESS_NO_PORT (SOL_IP): bind the source address only, let connect() pick the port per
    // destination, so one source address is not limited to one ephemeral port range across all destinations.
    private const int SolIp = 0;
    private const int IpBindAddressNoPort = 24;

    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    public static async Task<WebSocket> ConnectAsync(HubTarget target, string pathAndQuery, IPAddress? source, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (source is not null && !source.Equals(IPAddress.Loopback))
            {
                socket.SetRawSocketOption(SolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
                socket.Bind(new IPEndPoint(source, 0));
            }

            await socket.ConnectAsync(target.EndPoint, cancellationToken).ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: true);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: {target.Host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);
            var (headers, remainder) = await ReadHeadersAsync(stream, cancellationToken).ConfigureAwait(false);
            Validate(headers, key);
            Stream transport = remainder.Length > 0 ? new PrefixedStream(stream, remainder) : stream;
            return WebSocket.CreateFromStream(transport, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Reads up to the blank line; whatever came after it belongs to the WebSocket.
    private static async Task<(string Headers, byte[] Remainder)> ReadHeadersAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        var length = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the hub closed the connection during the handshake");
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf(HeaderEnd);
            if (end >= 0)
            {
                return (Encoding.ASCII.GetString(buffer, 0, end), buffer.AsSpan(end + HeaderEnd.Length, length - end - HeaderEnd.Length).ToArray());
            }

            if (length == buffer.Length)
            {
                throw new IOException("handshake response headers over 2 KB");
            }
        }
    }

    /// <summary>The <c>Sec-WebSocket-Accept</c> that answers <paramref name="key"/> (RFC 6455 §4.2.2).</summary>
    public static string AcceptOf(string key)
    {
#pragma warning disable CA5350 // RFC 6455 §4.2.2 defines the accept key with SHA-1.
        return Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
#pragma warning restore CA5350
    }

    private static void Validate(string headers, string key)
    {
        var lines = headers.Split("\r\n");
        if (!lines[0].StartsWith("HTTP/1.1 101 ", StringComparison.Ordinal))
        {
            throw new HandshakeRejectedException(lines[0]);
        }

        var expected = AcceptOf(key);
        var accept = lines.FirstOrDefault(static l => l.StartsWith("Sec-WebSocket-Accept:", StringComparison.OrdinalIgnoreCase));
        if (accept is null || accept["Sec-WebSocket-Accept:".Length..].Trim() != expected)
        {
            throw new HandshakeRejectedException("101 without the right Sec-WebSocket-Accept");
        }
    }
}
