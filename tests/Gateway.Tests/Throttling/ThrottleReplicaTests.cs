using System.Diagnostics;
using System.Net;
using Platform.Gateway.Tests.UsagePlans;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Gateway.Tests.Throttling;

/// <summary>
/// The key throttling test: two gateway processes share one Redis, and under concurrent load split across
/// both, a route's bucket admits no more than <c>burst + rate × (T + lease lifetime)</c> (the documented bound of
/// leased tokens, <see cref="Gateway.Throttling.ThrottlingOptions.LeaseLifetime"/> = 100 ms) — and costs well under
/// one Redis call per request.
/// </summary>
public sealed class ThrottleReplicaTests(ReplicaGatewaysFixture gateways, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ReplicaGatewaysFixture>
{
    private static readonly TimeSpan LeaseLifetime = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Burst_300ConcurrentAcrossTwoGateways_AdmitsExactly50()
    {
        var statuses = await FireAsync("shop/burst", 300);

        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 50, Summary(statuses));
        Assert.Equal(250, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Steady_LoadOnBothGatewaysForTwoSeconds_WithinTheBound_UnderOneRedisCallPerRequest()
    {
        const double Rate = 200;
        const int Burst = 40;
        var callsBefore = await EvalCallsAsync();
        using var client = new HttpClient { Timeout = TestTimeouts.Default };
        var admitted = 0;
        var refused = 0;
        var other = 0;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(2);

        // 16 workers, half on each gateway, each sending back to back until two seconds have passed.
        var workers = Enumerable.Range(0, 16).Select(async i =>
        {
            var gateway = i % 2 == 0 ? gateways.A : gateways.B;
            while (clock.Elapsed < until)
            {
                using var response = await client.GetAsync(gateway.Uri("shop/steady"));
                var counter = response.StatusCode switch
                {
                    HttpStatusCode.OK => Interlocked.Increment(ref admitted),
                    HttpStatusCode.TooManyRequests => Interlocked.Increment(ref refused),
                    _ => Interlocked.Increment(ref other),
                };
                _ = counter;
            }
        }).ToArray();
        await Task.WhenAll(workers).WaitAsync(TestTimeouts.Default);
        var elapsed = clock.Elapsed;
        var calls = await EvalCallsAsync() - callsBefore;

        var requests = admitted + refused + other;
        var bound = Burst + Rate * (elapsed + LeaseLifetime).TotalSeconds;
        var report = $"admitted {admitted}, refused {refused}, other {other} in {elapsed.TotalSeconds:F2} s; bound {bound:F0}; Redis calls {calls} for {requests} requests";
        output.WriteLine(report);
        Assert.True(other == 0, report);
        Assert.True(admitted <= bound, report);
        // The buckets must not starve either: well over half the rate gets through.
        Assert.True(admitted >= Rate * elapsed.TotalSeconds * 0.5, report);
        Assert.True(refused > 0, report);
        Assert.True(calls < requests, report);
    }

    private async Task<HttpStatusCode[]> FireAsync(string path, int count)
    {
        using var client = new HttpClient { Timeout = TestTimeouts.Default };
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, count).Select(async i =>
        {
            var gateway = i % 2 == 0 ? gateways.A : gateways.B;
            await start.WaitAsync();
            using var response = await client.GetAsync(gateway.Uri(path));
            return response.StatusCode;
        }).ToArray();
        start.Release(count);
        return await Task.WhenAll(requests).WaitAsync(TestTimeouts.Default);
    }

    private async Task<long> EvalCallsAsync()
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync(gateways.RedisConnectionString + ",allowAdmin=true").WaitAsync(TestTimeouts.Default);
        var info = await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats");
        var stats = RedisCommandStats.Parse(info);
        return stats.GetValueOrDefault("evalsha") + stats.GetValueOrDefault("eval");
    }

    private string Summary(HttpStatusCode[] statuses) =>
        string.Join(", ", statuses.GroupBy(static s => s).Select(static g => $"{(int)g.Key}×{g.Count()}")) + "\n" + gateways.Output;
}
