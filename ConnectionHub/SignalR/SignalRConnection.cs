using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Platform.ConnectionHub.Events;
using Platform.ConnectionHub.Registry;
using Platform.Definitions;

namespace Platform.ConnectionHub.SignalR;

/// <summary>
/// A SignalR client of a stage's hub endpoint, in the same registry as raw WebSocket clients: a push reaches it as
/// an invocation of <see cref="StageHub.PushMethod"/> with the payload as its one string argument. A close the hub
/// starts reaches the client as a close message: "going away" (1001: idle timeout, maximum duration, shutdown) allows
/// it to reconnect; a deletion or a message over the limit (1009) does not.
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

    /// <summary>Raised once per push handed to SignalR, for metrics.</summary>
    public Action? Sent { get; init; }

    public void MarkActive() => Volatile.Write(ref _lastActivity, timeProvider.GetTimestamp());

    public bool Send(PushPayload payload)
    {
        if (ServerCloseStatus is not null)
        {
            return false;
        }

        MarkActive();
        _ = client.SendAsync(StageHub.PushMethod, payload.Text);
        Sent?.Invoke();
        return true;
    }

    public void Close(WebSocketCloseStatus status, string reason)
    {
        ServerCloseStatus ??= status;
        ServerCloseReason ??= reason;

        // HubCallerContext.Abort() sends a close message that forbids reconnecting, so an automatically reconnecting
        // client would stay away after a rolling restart. A close request through the connection's lifetime feature
        // (SignalR's signal for a server shutting down) sends {"type":7,"allowReconnect":true} instead.
        if (status == WebSocketCloseStatus.EndpointUnavailable && caller.Features.Get<IConnectionLifetimeNotificationFeature>() is { } lifetime)
        {
            lifetime.RequestClose();
            return;
        }

        caller.Abort();
    }
}
