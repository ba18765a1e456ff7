using System.Diagnostics;
using System.Globalization;

namespace Platform.HubLoad;

/// <summary>
/// The timed part of a broadcast scenario, shared by <c>rooms</c> (the hub) and <c>floor</c> (the floor server): 2
/// uncounted warm-up broadcasts, then <c>broadcasts</c> 1 KB broadcasts in a row, each POSTed to
/// <paramref name="uri"/> and timed from the POST to the <paramref name="members"/>-th receive, 100 ms apart.
/// </summary>
internal static class BroadcastRounds
{
    private const int WarmupRounds = 2;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(LoadOptions options, HttpClient client, Uri uri, MessageCounter counter, long members,
        int broadcasts, CancellationToken cancellationToken)
    {
        var label = options.Label;
        var latencies = new List<double>();
        var answers = new List<double>();
        // Warm-up (round 0, not counted): the first broadcasts pay for JIT tiering of the fan-out path.
        for (var warm = 1; warm <= WarmupRounds; warm++)
        {
            var warmed = counter.WatchAsync(0, members * warm);
            using var response = await client.PostAsync(uri, new ByteArrayContent(Payload.Create(0)), cancellationToken).ConfigureAwait(false);
            await warmed.WaitAsync(RoundTimeout, cancellationToken).ConfigureAwait(false);
        }

        var cpu = new CpuMeter(options);
        cpu.Start();
        var started = Stopwatch.GetTimestamp();
        for (var round = 1; round <= broadcasts; round++)
        {
            var reached = counter.WatchAsync(round, members);
            var sent = Stopwatch.GetTimestamp();
            using (var response = await client.PostAsync(uri, new ByteArrayContent(Payload.Create(round)), cancellationToken).ConfigureAwait(false))
            {
                answers.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"broadcast {round} answered {(int)response.StatusCode}");
                }
            }

            try
            {
                await reached.WaitAsync(RoundTimeout, cancellationToken).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(sent, counter.ReachedAt).TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                Results.Note(label, $"broadcast {round}: only {counter.CountOf(round)}/{members} received within {RoundTimeout.TotalSeconds} s");
                Results.Write(label, "broadcast_incomplete", round);
                break;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        cpu.Stop();
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Results.Note(label, $"broadcast → last receive (ms): {string.Join(' ', latencies.Select(static l => l.ToString("F1", CultureInfo.InvariantCulture)))}");
        Results.Write(label, "broadcasts", latencies.Count);
        Results.Write(label, "broadcast_p50_ms", Results.Percentile(latencies, 50));
        Results.Write(label, "broadcast_p99_ms", Results.Percentile(latencies, 99));
        Results.Write(label, "broadcast_answer_p50_ms", Results.Percentile(answers, 50));
        Results.Write(label, "broadcast_other_messages", counter.Other);
        cpu.Report(label, wall, latencies.Count, "broadcast", 1e3, "ms");
        Results.Write(label, "rss_after_broadcasts_mb", options.Pids.Sum(ProcessStats.RssKb) / 1024.0);
    }
}
