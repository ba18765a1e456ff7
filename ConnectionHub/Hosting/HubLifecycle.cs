using System.Net.WebSockets;
using Platform.ConnectionHub.Connections;
using Platform.ConnectionHub.Registry;

namespace Platform.ConnectionHub.Hosting;

/// <summary>
/// Joins the registry at startup (heartbeats, this replica's command channel, the janitor) and, when the host
/// stops, closes every connection with 1001 before the server stops, so each runs <c>$disconnect</c> here rather
/// than waiting for another replica's janitor.
/// </summary>
internal sealed partial class HubLifecycle(
    IConnectionRegistry registry,
    LocalConnections local,
    IHostApplicationLifetime lifetime,
    ILogger<HubLifecycle> logger) : IHostedService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await registry.StartAsync(local, cancellationToken).ConfigureAwait(false);
        lifetime.ApplicationStopping.Register(CloseAll);
        Log.Started(logger, registry.ReplicaId, registry.IsShared ? "Redis" : "in-memory (embedded mode)");
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await registry.StopAsync(cancellationToken).ConfigureAwait(false);

    private void CloseAll()
    {
        var count = 0;
        foreach (var connection in local.All)
        {
            connection.Close(WebSocketCloseStatus.EndpointUnavailable, "Going away: the hub is shutting down");
            count++;
        }

        // Give the connections' close handshakes and $disconnect calls a bounded time before the server stops.
        // (ApplicationStopping callbacks are synchronous: this blocks shutdown, which is the point.)
        local.WhenEmpty().Wait(DrainTimeout);

        Log.Drained(logger, count, local.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Hub replica {ReplicaId} started with the {Registry} connection registry.")]
        public static partial void Started(ILogger logger, string replicaId, string registry);

        [LoggerMessage(2, LogLevel.Information, "Shutting down: closed {Count} connection(s); {Left} still open.")]
        public static partial void Drained(ILogger logger, int count, int left);
    }
}
