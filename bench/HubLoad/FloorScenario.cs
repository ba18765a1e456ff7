using System.Diagnostics;

namespace Platform.HubLoad;

/// <summary>
/// <c>floor</c>: the broadcast of <c>rooms</c> against the floor server (<c>floor-server</c>) instead of the hub, for a
/// reference measured on the same machine: opens <c>--count</c> connections on <c>--ws</c> (<c>ws://127.0.0.1:P/ws</c>,
/// no <c>$connect</c>, no room to join), waits <c>--settle</c> seconds (3), then runs the same warm-up and
/// <c>--broadcasts</c> timed rounds (<see cref="BroadcastRounds"/>), POSTing the same payload to the server's
/// <c>/broadcast</c>. <c>--pids</c> is the floor server, whose CPU is reported as <c>hub_cpu_…</c>.
/// </summary>
internal static class FloorScenario
{
    public static async Task RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var label = options.Label;
        var targets = options.Targets;
        if (targets.Count != 1)
        {
            throw new ArgumentException("floor: --ws takes one ws://127.0.0.1:<port>/ws");
        }

        var count = options.Int("count", 10_000);
        var broadcasts = options.Int("broadcasts", 20);
        var counter = new MessageCounter(broadcasts);
        Results.Note(label, $"server RSS before: {options.Pids.Sum(ProcessStats.RssKb) / 1024} MB; opening {count} connections to {targets[0].Host}");
        using var set = await ConnectionSet.OpenAsync(targets, count, options.Sources, functions: null, counter, options.Int("open-concurrency", 64), cancellationToken)
            .ConfigureAwait(false);
        Results.Note(label, $"opened in {set.OpenTime.TotalSeconds:F1} s ({set.Retries} retried)");
        Results.Write(label, "open_per_s", count / set.OpenTime.TotalSeconds);

        // rooms spends ≥ 10 s on RSS and joins before it broadcasts; a few seconds here let the opening's work die down.
        await Task.Delay(options.Seconds("settle", 3), cancellationToken).ConfigureAwait(false);
        Results.Write(label, "rss_after_open_mb", options.Pids.Sum(ProcessStats.RssKb) / 1024.0);

        using var client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        }) { Timeout = TimeSpan.FromSeconds(30) };
        var uri = new Uri($"http://{targets[0].Host}/broadcast");
        var started = Stopwatch.GetTimestamp();
        await BroadcastRounds.RunAsync(options, client, uri, counter, count, broadcasts, cancellationToken).ConfigureAwait(false);
        Results.Note(label, $"broadcasts done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }
}
