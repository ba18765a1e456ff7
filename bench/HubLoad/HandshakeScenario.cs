using System.Diagnostics;
using System.Net.WebSockets;

namespace Platform.HubLoad;

/// <summary>
/// <c>handshake</c>: <c>--concurrency</c> connectors open a connection on <c>--ws</c> (the handshake, with
/// <c>$connect</c> when the API has one), close it with a close handshake, and start over, for <c>--warmup</c> +
/// <c>--duration</c> seconds. Reports completed open+close cycles per second of the measured window.
/// </summary>
internal static class HandshakeScenario
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var label = options.Label;
        var target = options.Targets[0];
        var sources = options.Sources;
        var concurrency = options.Int("concurrency", 32);
        var warmup = options.Seconds("warmup", 1);
        var duration = options.Seconds("duration", 10);
        await using var functions = await FunctionHost.StartAsync(options.FunctionPort).ConfigureAwait(false);

        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var measured = 0L;
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var latencies = new List<double>[concurrency];
        var invocations = 0L;
        var cpu = new CpuMeter(options);
        var sampler = Task.Run(async () =>
        {
            await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
            invocations = -functions.Invocations;
            cpu.Start();
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
            cpu.Stop();
            invocations += functions.Invocations;
        }, cancellationToken);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            for (var k = worker; ; k += concurrency)
            {
                var opened = Stopwatch.GetTimestamp();
                if (opened >= measureTo)
                {
                    return;
                }

                try
                {
                    using var socket = await WebSocketClient.ConnectAsync(target, target.Path, sources[k % sources.Count], cancellationToken).ConfigureAwait(false);
                    var handshake = Stopwatch.GetElapsedTime(opened).TotalMilliseconds;
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(CloseTimeout);
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
                    if (opened >= measureFrom)
                    {
                        Interlocked.Increment(ref measured);
                        mine.Add(handshake);
                    }
                }
                catch (Exception ex) when (ex is IOException or WebSocketException or System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    lock (errors)
                    {
                        errors[ex.GetType().Name + ": " + ex.Message] = errors.GetValueOrDefault(ex.GetType().Name + ": " + ex.Message) + 1;
                    }
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        await sampler.ConfigureAwait(false);

        var all = latencies.SelectMany(static l => l).ToList();
        foreach (var (error, times) in errors)
        {
            Results.Note(label, $"{times} × {error}");
        }

        Results.Note(label, $"{measured} open+close cycles in {duration.TotalSeconds} s; $connect invocations in the window: {invocations}");
        Results.Write(label, "handshakes_per_s", measured / duration.TotalSeconds);
        Results.Write(label, "handshake_p50_ms", Results.Percentile(all, 50));
        Results.Write(label, "handshake_p99_ms", Results.Percentile(all, 99));
        Results.Write(label, "errors", errors.Values.Sum());
        cpu.Report(label, duration.TotalSeconds, measured, "handshake", 1e6, "us");
    }
}
