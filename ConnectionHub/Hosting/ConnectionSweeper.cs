using System.Net.WebSockets;
using Platform.ConnectionHub.Connections;

namespace Platform.ConnectionHub.Hosting;

/// <summary>
/// Enforces each API's idle timeout and maximum duration with one timer for all connections (a timer per
/// connection would cost memory at 10k+ connections): every second it closes, with 1001, the connections that
/// have been idle or open too long.
/// </summary>
internal sealed partial class ConnectionSweeper(LocalConnections local, TimeProvider timeProvider, ILogger<ConnectionSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Closes every connection past its idle timeout or maximum duration; returns how many.</summary>
    public int Sweep()
    {
        var closed = 0;
        foreach (var connection in local.All)
        {
            var settings = connection.Settings;
            if (timeProvider.GetElapsedTime(connection.ConnectedTimestamp) >= settings.MaxConnectionDuration)
            {
                connection.Close(WebSocketCloseStatus.EndpointUnavailable, "Going away: maximum connection duration reached");
                closed++;
            }
            else if (timeProvider.GetElapsedTime(connection.LastActivityTimestamp) >= settings.IdleTimeout)
            {
                connection.Close(WebSocketCloseStatus.EndpointUnavailable, "Going away: idle timeout");
                closed++;
            }
        }

        if (closed > 0)
        {
            Log.Swept(logger, closed);
        }

        return closed;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Closed {Count} connection(s) at their idle timeout or maximum duration.")]
        public static partial void Swept(ILogger logger, int count);
    }
}
