using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Platform.ConnectionHub.Events;
using Platform.ConnectionHub.Hosting;
using Platform.ConnectionHub.Observability;
using Platform.ConnectionHub.Registry;
using Platform.ConnectionHub.Runtime;

namespace Platform.ConnectionHub.Connections;

/// <summary>
/// A WebSocket API stage's connection endpoint: runs <c>$connect</c> during the handshake (a non-2xx answer rejects
/// it with that status; headers it returns go into the 101), registers the connection, reads messages within the
/// API's limits and runs each through route selection, and on every close path removes the connection and runs
/// <c>$disconnect</c> exactly once.
/// </summary>
internal sealed partial class WebSocketEndpoint(
    HubState state,
    ConnectionEvents events,
    LocalConnections local,
    IConnectionRegistry registry,
    HubTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<WebSocketEndpoint> logger)
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const int ReceiveChunk = 16 * 1024;

    public async Task HandleAsync(HttpContext context, string apiId, string stageName)
    {
        if (!state.TryResolve(apiId, stageName, out var api, out var stage))
        {
            await HubResponses.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found").ConfigureAwait(false);
            return;
        }

        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        if (upgrade is not { IsUpgradableRequest: true } || !HttpMethods.IsGet(context.Request.Method) || key.Length == 0
            || context.Request.Headers.SecWebSocketVersion != "13")
        {
            context.Response.Headers.Upgrade = "websocket";
            await HubResponses.WriteAsync(context, StatusCodes.Status426UpgradeRequired,
                "This is a WebSocket API: connect with a WebSocket client (Upgrade: websocket, Sec-WebSocket-Version: 13)").ConfigureAwait(false);
            return;
        }

        var forwarded = ForwardedRequest.Of(context);
        var connection = new ConnectionContext
        {
            ConnectionId = ConnectionIds.Next(),
            Api = api,
            Stage = stage,
            ConnectedAt = timeProvider.GetUtcNow(),
            SourceIp = forwarded.SourceIp,
            UserAgent = context.Request.Headers.UserAgent is { Count: > 0 } agent ? agent.ToString() : null,
            DomainName = context.Request.Host.Value,
            Authorizer = forwarded.Authorizer,
            ConnectSpan = Activity.Current?.Context ?? default,
        };

        var connect = await events.ConnectAsync(connection, context.Request, context.RequestAborted).ConfigureAwait(false);
        if (connect is { Failed: true })
        {
            await HubResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error").ConfigureAwait(false);
            return;
        }

        if (connect is { IsSuccessStatus: false })
        {
            // $connect said no: the handshake fails with its status (and body, when it gave one).
            telemetry.ClientError(api.Name, stage.Name, "connect_rejected");
            context.Response.StatusCode = connect.StatusCode;
            if (connect.Body is { Length: > 0 } body)
            {
                context.Response.ContentType = connect.Headers.GetValueOrDefault("Content-Type") ?? "application/json";
                await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        await registry.AddAsync(connection.ToRecord(registry.ReplicaId, ConnectionKind.WebSocket), context.RequestAborted).ConfigureAwait(false);

        string? subProtocol = null;
        WebSocketConnection? socketConnection = null;
        var ended = false;
        try
        {
            subProtocol = Accept(context, key, connect);
            var stream = await upgrade.UpgradeAsync().ConfigureAwait(false);
            var inspector = new FrameInspectingStream(stream, api.Settings.MaxFrameBytes);
            var socket = WebSocket.CreateFromStream(inspector, new WebSocketCreationOptions
            {
                IsServer = true,
                SubProtocol = subProtocol,
                KeepAliveInterval = TimeSpan.Zero,
            });
            socketConnection = new WebSocketConnection(socket, connection, timeProvider, context.Abort)
            {
                Sent = () => telemetry.Message(api.Name, stage.Name, "out"),
            };
            local.Add(socketConnection);
            telemetry.Connected(api.Name, stage.Name);
            Log.Connected(logger, connection.ConnectionId, connection.Scope, connection.SourceIp);
            using (socket)
            {
                var (status, reason) = await ReceiveAsync(socketConnection, socket, inspector).ConfigureAwait(false);

                // Let the sender finish the close handshake (bounded by its timeout) before $disconnect runs.
                socketConnection.Complete();
                await socketConnection.SenderCompletion.ConfigureAwait(false);
                ended = true;
                await FinishAsync(connection, status, reason).ConfigureAwait(false);
            }
        }
        finally
        {
            if (socketConnection is not null)
            {
                local.Remove(connection.ConnectionId);
                telemetry.Disconnected();
            }

            if (!ended)
            {
                // The upgrade failed after $connect accepted, or the hub failed while the socket was open: the
                // connection still ends, once, with $disconnect.
                var (status, reason) = socketConnection is null ? (1006, "Handshake failed") : (1011, "Internal error");
                await FinishAsync(connection, status, reason).ConfigureAwait(false);
            }
        }
    }

    private async Task FinishAsync(ConnectionContext connection, int status, string reason)
    {
        // Removal is atomic across replicas: only the caller that removed the record runs $disconnect.
        if (await registry.RemoveAsync(connection.ConnectionId, CancellationToken.None).ConfigureAwait(false))
        {
            await events.DisconnectAsync(connection, status, reason, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<(int Status, string Reason)> ReceiveAsync(WebSocketConnection connection, WebSocket socket, FrameInspectingStream inspector)
    {
        var settings = connection.Settings;
        var api = connection.Context.Api.Name;
        var stage = connection.Context.Stage.Name;
        byte[]? buffer = null;
        var length = 0;
        try
        {
            while (true)
            {
                // Wait for data without holding a buffer: an idle connection costs no receive memory.
                await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                if (socket.State != WebSocketState.Open)
                {
                    break;
                }

                buffer ??= ArrayPool<byte>.Shared.Rent(ReceiveChunk);
                if (buffer.Length - length < ReceiveChunk)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, settings.MaxMessageBytes + ReceiveChunk));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                length += result.Count;
                if (inspector.OversizedFrameLength > 0)
                {
                    telemetry.ClientError(api, stage, "frame_too_big");
                    connection.Close(WebSocketCloseStatus.MessageTooBig, $"Frame too big: the limit is {settings.MaxFrameBytes} bytes");
                    return await DrainAsync(connection, socket).ConfigureAwait(false);
                }

                if (length > settings.MaxMessageBytes)
                {
                    telemetry.ClientError(api, stage, "message_too_big");
                    connection.Close(WebSocketCloseStatus.MessageTooBig, $"Message too big: the limit is {settings.MaxMessageBytes} bytes");
                    return await DrainAsync(connection, socket).ConfigureAwait(false);
                }

                if (result.MessageType == WebSocketMessageType.Binary && !settings.AllowBinaryFrames)
                {
                    telemetry.ClientError(api, stage, "binary");
                    connection.Close(WebSocketCloseStatus.InvalidMessageType, "Binary frames are not supported");
                    return await DrainAsync(connection, socket).ConfigureAwait(false);
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                connection.MarkActive();
                registry.Touch(connection.ConnectionId, timeProvider.GetUtcNow());
                var outcome = await events.MessageAsync(connection.Context, buffer.AsMemory(0, length), result.MessageType == WebSocketMessageType.Binary, CancellationToken.None).ConfigureAwait(false);
                if (outcome.Reply is { } reply)
                {
                    connection.Reply(reply);
                }

                length = 0;
                if (buffer.Length > ReceiveChunk * 2)
                {
                    // Do not keep a large message's buffer for the life of the connection.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client vanished without a close frame.
            return connection.ServerCloseStatus is { } sent ? ((int)sent, connection.ServerCloseReason ?? "") : (1006, "Connection lost");
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return Outcome(connection, socket);
    }

    // After the hub closed the connection, read until the client's close frame (or the sender's timeout abort).
    private static async Task<(int, string)> DrainAsync(WebSocketConnection connection, WebSocket socket)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(scratch.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted after the close frame went out: the close still counts as the hub's.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return ((int)connection.ServerCloseStatus!.Value, connection.ServerCloseReason ?? "");
    }

    private static (int, string) Outcome(WebSocketConnection connection, WebSocket socket)
    {
        if (connection.ServerCloseStatus is { } sent)
        {
            return ((int)sent, connection.ServerCloseReason ?? "");
        }

        // The client closed first: answer its close frame (the sender may be idle) and report its status.
        if (socket.State == WebSocketState.CloseReceived)
        {
            connection.Close(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "");
        }

        return socket.CloseStatus is { } status
            ? ((int)status, socket.CloseStatusDescription ?? "")
            : (1005, "Client-side close frame status not set");
    }

    private static string? Accept(HttpContext context, string key, Integrations.IntegrationResult? connect)
    {
        var headers = context.Response.Headers;
        string? subProtocol = null;
        if (connect is not null)
        {
            foreach (var (name, value) in connect.Headers)
            {
                if (string.Equals(name, "Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase))
                {
                    subProtocol = value;
                }
                else if (!IsHandshakeHeader(name))
                {
                    headers[name] = value;
                }
            }
        }

        context.Response.StatusCode = StatusCodes.Status101SwitchingProtocols;
        headers.Connection = "Upgrade";
        headers.Upgrade = "websocket";
#pragma warning disable CA5350 // RFC 6455 §4.2.2 defines the accept key with SHA-1; it is not used for security here.
        headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
#pragma warning restore CA5350
        if (subProtocol is not null)
        {
            headers.SecWebSocketProtocol = subProtocol;
        }

        return subProtocol;
    }

    private static bool IsHandshakeHeader(string name) =>
        name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Connection {ConnectionId} ({Scope}) opened from {SourceIp}")]
        public static partial void Connected(ILogger logger, string connectionId, string scope, string? sourceIp);
    }
}
