using Platform.ConnectionHub.Tests.Infrastructure;

namespace Platform.ConnectionHub.Tests.SignalR;

/// <summary>Where a stage's SignalR endpoint is on a <see cref="HubServer"/>.</summary>
public static class HubServerSignalRExtensions
{
    /// <summary><c>ws://127.0.0.1:{port}/{api}/{stage}/signalr{query}</c>, the URL a client uses with skipNegotiation.</summary>
    public static Uri SignalRUri(this HubServer hub, string api = "chat", string stage = "prod", string query = "")
    {
        ArgumentNullException.ThrowIfNull(hub);
        return new Uri($"ws://127.0.0.1:{hub.Port}/{api}/{stage}/signalr{query}");
    }
}
