using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.HubLoad;

/// <summary>
/// <c>floor-server --port P</c>: the simplest server that can do the hub's broadcast, as a floor to judge the hub's
/// figure against (bench/broadcast-floor.sh). Raw sockets on 127.0.0.1:P, no Kestrel and no WebSocket object:
/// <c>GET /ws…</c> with <c>Upgrade: websocket</c> gets its 101 and joins the members (<see cref="FloorMembers"/>);
/// <c>POST /broadcast</c> writes its body as one text frame to every member and then answers
/// <c>{"members":count}</c>; <c>GET /health</c> answers 200. Prints <c>listening on P</c> when ready (P = 0 picks a
/// port) and stops on SIGTERM or SIGINT, or when <c>--timeout</c> is up.
/// </summary>
internal static class FloorServer
{
    private const int Backlog = 4096;
    private const string WebSocketPath = "/ws";

    private static readonly byte[] Healthy = Response("200 OK", "text/plain", "ok");
    private static readonly byte[] NotFound = Response("404 Not Found", "text/plain", "");

    public static async Task RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var label = options.Label;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, options.Int("port", 0)));
        listener.Listen(Backlog);
        var members = new FloorMembers();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listening on {((IPEndPoint)listener.LocalEndPoint!).Port}"));
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
                // As Kestrel does: a 1 KB frame goes out at once, not after the previous one's ACK.
                socket.NoDelay = true;
                _ = ServeAsync(socket, members, label, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            members.CloseAll();
            Results.Note(label, cancellationToken.IsCancellationRequested ? "stopped: --timeout is up" : "stopped by a signal");
        }

        void Stop(PosixSignalContext context)
        {
            // Stop here, not by the runtime's default exit, so that the sockets are closed in order.
            context.Cancel = true;
            stopping.Cancel();
        }
    }

    // One connection's keep-alive requests, until it is upgraded (then the members own it) or closed.
    private static async Task ServeAsync(Socket socket, FloorMembers members, string label, CancellationToken cancellationToken)
    {
        var reader = new HttpRequestReader(socket);
        try
        {
            while (await reader.ReadHeadAsync(cancellationToken).ConfigureAwait(false) is { } head)
            {
                if (RequestLine(head) is not var (method, target))
                {
                    await SocketSend.AllAsync(socket, Response("400 Bad Request", "text/plain", "", close: true), cancellationToken).ConfigureAwait(false);
                    break;
                }

                if (method is "GET" && target.StartsWith(WebSocketPath, StringComparison.Ordinal)
                    && Header(head, "Upgrade")?.Contains("websocket", StringComparison.OrdinalIgnoreCase) == true
                    && Header(head, "Sec-WebSocket-Key") is { Length: > 0 } key)
                {
                    var upgraded = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + $"Sec-WebSocket-Accept: {WebSocketClient.AcceptOf(key)}\r\n\r\n";
                    members.Admit(socket, Encoding.ASCII.GetBytes(upgraded));
                    return;
                }

                if (method is "POST" && target is "/broadcast")
                {
                    if (!int.TryParse(Header(head, "Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                    {
                        await SocketSend.AllAsync(socket, Response("411 Length Required", "text/plain", "", close: true), cancellationToken).ConfigureAwait(false);
                        break;
                    }

                    var body = await reader.ReadBodyAsync(length, cancellationToken).ConfigureAwait(false);
                    var count = await members.BroadcastAsync(body, cancellationToken).ConfigureAwait(false);
                    var answer = Response("200 OK", "application/json", string.Create(CultureInfo.InvariantCulture, $$"""{"members":{{count}}}"""));
                    await SocketSend.AllAsync(socket, answer, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await SocketSend.AllAsync(socket, method is "GET" && target is "/health" ? Healthy : NotFound, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            if (ex is IOException)
            {
                Results.Note(label, $"connection dropped: {ex.Message}");
            }
        }

        socket.Dispose();
    }

    /// <summary>The method and target of <c>METHOD SP target SP HTTP/1.x</c>, the head's first line, or null.</summary>
    private static (string Method, string Target)? RequestLine(string head)
    {
        var end = head.IndexOf("\r\n", StringComparison.Ordinal);
        var parts = (end < 0 ? head : head[..end]).Split(' ');
        return parts.Length == 3 && parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal) ? (parts[0], parts[1]) : null;
    }

    /// <summary>The value of the first <paramref name="name"/> header in <paramref name="head"/>, trimmed, or null.</summary>
    private static string? Header(string head, string name)
    {
        foreach (var line in head.Split("\r\n").AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon == name.Length && line.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static byte[] Response(string status, string contentType, string body, bool close = false) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n"
            + (close ? "Connection: close\r\n" : "") + $"\r\n{body}");
}
