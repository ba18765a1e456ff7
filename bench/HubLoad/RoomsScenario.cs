using System.Diagnostics;

namespace Platform.HubLoad;

/// <summary>
/// <c>rooms</c>: opens <c>--count</c> idle connections (spread over <c>--ws</c>), reads the hubs' RSS before and after
/// (once it is steady), then joins them all to one room and broadcasts a 1 KB message <c>--broadcasts</c> times in
/// a row through the first replica (after 2 uncounted warm-up broadcasts), timing each from the POST to the last
/// socket's receive (<see cref="BroadcastRounds"/>).
/// </summary>
internal static class RoomsScenario
{
    private const string Room = "bench";

    public static async Task RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var label = options.Label;
        var targets = options.Targets;
        var count = options.Int("count", 10_000);
        var broadcasts = options.Int("broadcasts", 20);
        var pids = options.Pids;
        var counter = new MessageCounter(broadcasts);
        await using var functions = await FunctionHost.StartAsync(options.FunctionPort).ConfigureAwait(false);

        var before = pids.Sum(ProcessStats.RssKb);
        Results.Note(label, $"hub RSS before: {before / 1024} MB; opening {count} connections over {targets.Count} replica(s)");
        using var set = await ConnectionSet.OpenAsync(targets, count, options.Sources, functions, counter, options.Int("open-concurrency", 64), cancellationToken).ConfigureAwait(false);
        Results.Note(label, $"opened in {set.OpenTime.TotalSeconds:F1} s ({set.Retries} retried)");
        Results.Write(label, "open_per_s", count / set.OpenTime.TotalSeconds);

        var after = await SteadyRssAsync(pids, options.Seconds("settle", 10), label, cancellationToken).ConfigureAwait(false);
        var perConnection = (double)(after - before) / count;
        Results.Write(label, "rss_before_mb", before / 1024.0);
        Results.Write(label, "rss_after_mb", after / 1024.0);
        Results.Write(label, "kb_per_connection", perConnection);
        Results.Write(label, "connections_per_gb", 1024 * 1024 / perConnection);

        using var client = SignedClient.Create(options, 64);
        var joining = Stopwatch.GetTimestamp();
        var failures = await set.JoinAllAsync(client, Room, 64, cancellationToken).ConfigureAwait(false);
        Results.Note(label, $"joined {count - failures}/{count} to room '{Room}' in {Stopwatch.GetElapsedTime(joining).TotalSeconds:F1} s");
        Results.Write(label, "join_failures", failures);

        var uri = targets[0].Management($"@connections/@rooms/{Room}");
        await BroadcastRounds.RunAsync(options, client, uri, counter, count - failures, broadcasts, cancellationToken).ConfigureAwait(false);
    }

    // Samples every second; steady = at least `settle` elapsed and the last 3 samples within 1 % of each other (at most 30 s).
    private static async Task<long> SteadyRssAsync(IReadOnlyList<int> pids, TimeSpan settle, string label, CancellationToken cancellationToken)
    {
        var samples = new List<long>();
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            samples.Add(pids.Sum(ProcessStats.RssKb));
            var elapsed = Stopwatch.GetElapsedTime(started);
            var last = samples.TakeLast(3).ToList();
            if (elapsed >= settle && last.Count == 3 && last.Max() - last.Min() <= last.Max() / 100 || elapsed > TimeSpan.FromSeconds(30))
            {
                Results.Note(label, $"RSS samples (MB): {string.Join(' ', samples.Select(static s => s / 1024))}");
                return samples[^1];
            }
        }
    }
}
