using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Platform.ConnectionHub.Events;
using Platform.ConnectionHub.Registry;
using Platform.Definitions;

namespace Platform.ConnectionHub.SignalR;

/// <summary>
/// A SignalR client of a stage's hub endpoint, in the same registry as raw WebSocket clients: a push reaches it as
/// an invocation of <see cref="StageHub.PushMethod"/> with the payload as its one string argument.
/// </summary>
internal sealed class SignalRConnection(HubCallerContext caller, IClientProxy client, ConnectionContext context, TimeProvider timeProvider) : Connections.ILocalConnection
{
    private long _lastActivity = timeProvider.GetTimestamp();

    public ConnectionContext Context { get; } = context;

    public string ConnectionId => Context.ConnectionId;

    public WebSocketSettings Settings => Context.Api.Settings;

    public long ConnectedTimestamp { get; } = timeProvider.GetTimestamp();

    public long LastActivityTimestamp => Volatile.Read(ref _lastActivity);

    public WebSocketCloseStatus? ServerCloseStatus { get; private set; }

    public string? ServerCloseReason { get; private set; }

    public void MarkActive() => Volatile.Write(ref _lastActivity, timeProvider.GetTimestamp());

    public bool Send(PushPayload payload)
    {
        if (ServerCloseStatus is not null)
        {
            return false;
        }

        MarkActive();
        _ = client.SendAsync(StageHub.PushMethod, payload.Text);
        return true;
    }

    public void Close(WebSocketCloseStatus status, string reason)
    {
        ServerCloseStatus ??= status;
        ServerCloseReason ??= reason;
        caller.Abort();
    }
}
