using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Platform.ConnectionHub.Connections;
using Platform.ConnectionHub.Events;
using Platform.ConnectionHub.Hosting;
using Platform.ConnectionHub.Observability;
using Platform.ConnectionHub.Registry;
using Platform.ConnectionHub.Runtime;

namespace Platform.ConnectionHub.SignalR;

/// <summary>
/// The SignalR endpoint of each WebSocket API stage, at <c>{stage}/signalr</c>. Its connections get connection ids in
/// the same registry as raw WebSocket clients and run the same routes: <c>$connect</c> on connect (a non-2xx answer
/// refuses the connection), <see cref="Send"/> per message through route selection, <c>$disconnect</c> once at the
/// end. An <c>@connections</c> POST reaches the client as an invocation of <see cref="PushMethod"/>.
/// </summary>
internal sealed class StageHub(
    HubState state,
    ConnectionEvents events,
    LocalConnections local,
    IConnectionRegistry registry,
    HubTelemetry telemetry,
    IHubContext<StageHub> hubContext,
    TimeProvider timeProvider) : Hub
{
    /// <summary>The client method a push invokes, with the payload (UTF-8 text) as its one argument.</summary>
    public const string PushMethod = "message";

    private const string ConnectionKey = "platform.connection";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext() ?? throw new HubException("The hub endpoint needs an HTTP transport.");
        var apiId = http.GetRouteValue("apiId") as string ?? "";
        var stageName = http.GetRouteValue("stage") as string ?? "";
        if (!state.TryResolve(apiId, stageName, out var api, out var stage))
        {
            throw new HubException($"No WebSocket API '{apiId}' with stage '{stageName}'.");
        }

        var forwarded = ForwardedRequest.Of(http);
        var connection = new ConnectionContext
        {
            ConnectionId = ConnectionIds.Next(),
            Api = api,
            Stage = stage,
            ConnectedAt = timeProvider.GetUtcNow(),
            SourceIp = forwarded.SourceIp,
            Authorizer = forwarded.Authorizer,
            UserAgent = http.Request.Headers.UserAgent is { Count: > 0 } agent ? agent.ToString() : null,
            DomainName = http.Request.Host.Value,
            ConnectSpan = Activity.Current?.Context ?? default,
        };

        var connect = await events.ConnectAsync(connection, http.Request, Context.ConnectionAborted);
        if (connect is { Failed: true } or { IsSuccessStatus: false })
        {
            telemetry.ClientError(api.Name, stage.Name, "connect_rejected");
            throw new HubException($"$connect refused the connection ({connect.StatusCode}).");
        }

        await registry.AddAsync(connection.ToRecord(registry.ReplicaId, ConnectionKind.SignalR), Context.ConnectionAborted);

        var signalr = new SignalRConnection(Context, hubContext.Clients.Client(Context.ConnectionId), connection, timeProvider)
        {
            Sent = () => telemetry.Message(api.Name, stage.Name, "out"),
        };
        Context.Items[ConnectionKey] = signalr;
        local.Add(signalr);
        telemetry.Connected(api.Name, stage.Name);
        await base.OnConnectedAsync();
    }

    /// <summary>A message from the client, routed like a WebSocket frame; a route response or error frame comes back as a push.</summary>
    public async Task Send(string message)
    {
        if (Context.Items[ConnectionKey] is not SignalRConnection connection)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        if (bytes.Length > connection.Settings.MaxMessageBytes)
        {
            telemetry.ClientError(connection.Context.Api.Name, connection.Context.Stage.Name, "message_too_big");
            connection.Close(WebSocketCloseStatus.MessageTooBig, $"Message too big: the limit is {connection.Settings.MaxMessageBytes} bytes");
            return;
        }

        connection.MarkActive();
        registry.Touch(connection.ConnectionId, timeProvider.GetUtcNow());
        var outcome = await events.MessageAsync(connection.Context, bytes, binary: false, Context.ConnectionAborted);
        if (outcome.Reply is { } reply)
        {
            await Clients.Caller.SendAsync(PushMethod, Encoding.UTF8.GetString(reply));
            telemetry.Message(connection.Context.Api.Name, connection.Context.Stage.Name, "out");
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[ConnectionKey] is SignalRConnection connection)
        {
            try
            {
                var (status, reason) = connection.ServerCloseStatus is { } sent
                    ? ((int)sent, connection.ServerCloseReason ?? "")
                    : exception is null ? (1000, "") : (1006, exception.Message);
                if (await registry.RemoveAsync(connection.ConnectionId, CancellationToken.None))
                {
                    await events.DisconnectAsync(connection.Context, status, reason, CancellationToken.None);
                }
            }
            finally
            {
                // Last, as the WebSocket endpoint does: the shutdown drain waits for the local connections to empty,
                // and removing first ended it early, so the server stopped before the close message went out.
                local.Remove(connection.ConnectionId);
                telemetry.Disconnected();
            }
        }

        await base.OnDisconnectedAsync(exception);
    }
}
