using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Gateway.TestBackend;

/// <summary>
/// Stands in for the ConnectionHub behind the gateway. Requests carrying <c>X-Platform-Api-Id</c> arrive with the
/// client's original target, so any path is served here, whatever the endpoints below would match:
/// <list type="bullet">
/// <item>a WebSocket upgrade is accepted (with the client's first subprotocol, and <c>X-Hub-Replica: {pid}</c>),
/// unless the query says <c>reject=N</c> (status N, a JSON body) or <c>stall=1</c> (no answer until the client
/// leaves). Then: text and binary messages are echoed; <c>whoami</c> answers a JSON <see cref="HubReport"/>;
/// <c>close:{code}:{reason}</c> closes with that code and reason; a close from the client is answered with its
/// own code and reason;</item>
/// <item>any other request answers its <see cref="HubReport"/> as JSON.</item>
/// </list>
/// </summary>
internal static class HubStandIn
{
    public const string ApiIdHeader = "X-Platform-Api-Id";
    public const string ReplicaHeader = "X-Hub-Replica";

    private const int MaxMessageBytes = 16 * 1024 * 1024;

    public static IApplicationBuilder UseHubStandIn(this IApplicationBuilder app)
    {
        app.UseWebSockets();
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Headers.ContainsKey(ApiIdHeader))
            {
                await next(context);
                return;
            }

            context.Response.Headers[ReplicaHeader] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            if (context.WebSockets.IsWebSocketRequest)
            {
                await ServeWebSocketAsync(context);
                return;
            }

            var bodyBytes = await DrainAsync(context.Request.Body, context.RequestAborted);
            await context.Response.WriteAsJsonAsync(Describe(context, bodyBytes), context.RequestAborted);
        });
    }

    private static async Task ServeWebSocketAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (int.TryParse(query["reject"], CultureInfo.InvariantCulture, out var status))
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new Rejection("rejected by the hub", status), context.RequestAborted);
            return;
        }

        if (query["stall"] == "1")
        {
            // Holds the handshake open until the gateway gives up on it.
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        var report = Describe(context, 0);
        var protocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault();
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            buffer.SetLength(0);
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(chunk, context.RequestAborted);
                buffer.Write(chunk, 0, received.Count);
            }
            while (!received.EndOfMessage && buffer.Length < MaxMessageBytes);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(received.CloseStatus ?? WebSocketCloseStatus.Empty, received.CloseStatusDescription, context.RequestAborted);
                return;
            }

            var message = buffer.ToArray();
            var text = received.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message) : null;
            if (text == "whoami")
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(report, JsonSerializerOptions.Web);
                await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
            }
            else if (text is not null && text.StartsWith("close:", StringComparison.Ordinal))
            {
                var parts = text.Split(':', 3);
                await socket.CloseAsync((WebSocketCloseStatus)int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2], context.RequestAborted);
                return;
            }
            else
            {
                await socket.SendAsync(message, received.MessageType, endOfMessage: true, context.RequestAborted);
            }
        }
    }

    private static HubReport Describe(HttpContext context, long bodyBytes) => new(
        context.Request.Method,
        context.Features.Get<IHttpRequestFeature>()!.RawTarget,
        context.Request.Headers.Host.ToString(),
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        bodyBytes,
        Environment.ProcessId);

    private static async Task<long> DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        long total = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>What arrived: the method, the raw request target, the Host, every header, body size, and which replica saw it.</summary>
    internal sealed record HubReport(string Method, string RawTarget, string Host, Dictionary<string, string> Headers, long BodyBytes, int Replica);

    internal sealed record Rejection(string Message, int Status);
}
