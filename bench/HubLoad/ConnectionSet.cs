using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Platform.HubLoad;

/// <summary>
/// N client connections spread over the targets in contiguous blocks (the first half on the first replica, ...),
/// each opened with <c>?n={index}</c> so the function host can tell the tool its connection id. Without a function
/// host (a server with no <c>$connect</c>, such as the floor server) a connection's id is its index.
/// </summary>
internal sealed class ConnectionSet : IDisposable
{
    private const int Attempts = 3;

    private ConnectionSet(ClientConnection[] connections, TimeSpan elapsed, int retries)
    {
        Connections = connections;
        OpenTime = elapsed;
        Retries = retries;
    }

    public IReadOnlyList<ClientConnection> Connections { get; }

    public TimeSpan OpenTime { get; }

    /// <summary>Handshakes that failed and were tried again.</summary>
    public int Retries { get; }

    public static async Task<ConnectionSet> OpenAsync(IReadOnlyList<HubTarget> targets, int count, IReadOnlyList<IPAddress> sources,
        FunctionHost? functions, MessageCounter counter, int concurrency, CancellationToken cancellationToken)
    {
        var connections = new ClientConnection[count];
        var retries = 0;
        var started = Stopwatch.GetTimestamp();
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (i, token) =>
        {
            var target = targets[(int)((long)i * targets.Count / count)];
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var socket = await WebSocketClient.ConnectAsync(target, $"{target.Path}?n={i}", sources[i % sources.Count], token).ConfigureAwait(false);
                    var id = functions is null
                        ? i.ToString(CultureInfo.InvariantCulture)
                        : functions.IdOf(i) ?? throw new InvalidOperationException($"connection {i} opened but $connect never told its id");
                    connections[i] = new ClientConnection(socket, target, id, counter);
                    return;
                }
                catch (IOException) when (attempt < Attempts)
                {
                    Interlocked.Increment(ref retries);
                }
            }
        }).ConfigureAwait(false);
        return new ConnectionSet(connections, Stopwatch.GetElapsedTime(started), retries);
    }

    /// <summary>Joins every connection to <paramref name="room"/> through its own replica; returns the failures.</summary>
    public async Task<int> JoinAllAsync(HttpClient client, string room, int concurrency, CancellationToken cancellationToken)
    {
        var failures = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Connections, options, async (connection, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, connection.Target.Management($"@connections/{connection.Id}/rooms/{room}"));
            using var response = await client.SendAsync(request, token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        }).ConfigureAwait(false);
        return failures;
    }

    public void Dispose()
    {
        foreach (var connection in Connections)
        {
            connection.Dispose();
        }
    }
}
