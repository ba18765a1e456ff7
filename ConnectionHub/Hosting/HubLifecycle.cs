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
    ILogger<HubLifecycle> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await registry.StartAsync(local, cancellationToken).ConfigureAwait(false);
        Log.Started(logger, registry.ReplicaId, registry.IsShared ? "Redis" : "in-memory (embedded mode)");
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await registry.StopAsync(cancellationToken).ConfigureAwait(false);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before any hosted service stops, the server included, so connections close while it still serves.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => CloseAllAsync();

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CloseAllAsync()
    {
        var count = 0;
        foreach (var connection in local.All)
        {
            connection.Close(WebSocketCloseStatus.EndpointUnavailable, "Going away: the hub is shutting down");
            count++;
        }

        // Give the connections' close handshakes and $disconnect calls a bounded time before the server stops.
        try
        {
            await local.WhenEmpty().WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Reported below; the server's own shutdown ends what is left.
        }

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
