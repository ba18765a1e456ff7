using System.Diagnostics;
using System.Net;

namespace Platform.HubLoad;

/// <summary>
/// <c>push</c>: opens <c>--count</c> connections on <c>--ws</c>, then <c>--concurrency</c> keep-alive HTTP connections
/// POST presigned 1 KB messages to them round-robin through the replica <c>--post</c> (a ws:// stage URL: the same replica or
/// another) for <c>--warmup</c> (3) + <c>--duration</c> seconds. Reports the 200s per second of the measured window and
/// checks that the sockets received every accepted push.
/// </summary>
internal static class PushScenario
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var label = options.Label;
        var count = options.Int("count", 1_000);
        var concurrency = options.Int("concurrency", 64);
        var warmup = options.Seconds("warmup", 3);
        var duration = options.Seconds("duration", 10);
        var through = HubTarget.Parse(options.Text("post", ""));
        var counter = new MessageCounter(0);
        await using var functions = await FunctionHost.StartAsync(options.FunctionPort).ConfigureAwait(false);
        using var set = await ConnectionSet.OpenAsync(options.Targets, count, options.Sources, functions, counter, 64, cancellationToken).ConfigureAwait(false);
        var requests = await PresignedRequests.BuildAsync(options, through, set.Connections.Select(static c => c.Id), Payload.Create(0)).ConfigureAwait(false);
        Results.Note(label, $"{count} connections open; {concurrency} clients POST to {through.ManagementBase} for {warmup.TotalSeconds}+{duration.TotalSeconds} s");

        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var accepted = 0L;
        var measured = 0L;
        var failed = 0L;
        var latencies = new List<double>[concurrency];
        var cpu = new CpuMeter(options);
        var sampler = Task.Run(async () =>
        {
            await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
            cpu.Start();
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
            cpu.Stop();
        }, cancellationToken);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            var connection = await RawHttpConnection.OpenAsync(through.EndPoint, cancellationToken).ConfigureAwait(false);
            try
            {
                for (var k = worker; ; k += concurrency)
                {
                    var sent = Stopwatch.GetTimestamp();
                    if (sent >= measureTo)
                    {
                        return;
                    }

                    var status = await connection.SendAsync(requests[k % requests.Length], cancellationToken).ConfigureAwait(false);
                    if (!connection.Usable)
                    {
                        connection.Dispose();
                        connection = await RawHttpConnection.OpenAsync(through.EndPoint, cancellationToken).ConfigureAwait(false);
                    }

                    if (status != (int)HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failed);
                        continue;
                    }

                    Interlocked.Increment(ref accepted);
                    if (sent >= measureFrom)
                    {
                        Interlocked.Increment(ref measured);
                        mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                }
            }
            finally
            {
                connection.Dispose();
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        await sampler.ConfigureAwait(false);

        // Every accepted push must reach its socket; wait for the stragglers.
        var drained = Stopwatch.GetTimestamp();
        while (counter.CountOf(0) < accepted && Stopwatch.GetElapsedTime(drained) < DrainTimeout)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        var all = latencies.SelectMany(static l => l).ToList();
        Results.Note(label, $"accepted {accepted} (failed {failed}), received {counter.CountOf(0)}, measured window {measured}");
        Results.Write(label, "pushes_per_s", measured / duration.TotalSeconds);
        Results.Write(label, "post_p50_ms", Results.Percentile(all, 50));
        Results.Write(label, "post_p99_ms", Results.Percentile(all, 99));
        Results.Write(label, "failed", failed);
        Results.Write(label, "undelivered", accepted - counter.CountOf(0));
        // CPU per push is what the noise of a shared machine changes least: it says what the cores could do alone.
        cpu.Report(label, duration.TotalSeconds, measured, "push", 1e6, "us");
    }
}
