using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Waf.Rate;
using Platform.Testing;
using StackExchange.Redis;
using static Platform.Gateway.Tests.Waf.WafApis;

namespace Platform.Gateway.Tests.Waf;

/// <summary>
/// Redis killed under traffic and started again: two replicas keep answering (never a 5XX), keep counting on their own
/// (they still block past the limit), say so in their logs, and share counts again once Redis is back.
/// </summary>
public sealed class WafRedisOutageTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task RedisKilledDuringTraffic_NoServerErrors_CountsLocally_Recovers()
    {
        var prefix = $"waf-{Guid.NewGuid():N}:";
        var definitions = With($"[{Rule("per-ip", 0, "BLOCK", """{ "rateBased": { "limit": 10, "evaluationWindowSec": 60 } }""")}]");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["Gateway:Waf:RateKeyPrefix"] = prefix,
            ["Gateway:Waf:RateSyncInterval"] = "00:00:00.1",
            ["Gateway:Waf:RateSyncTimeout"] = "00:00:01",
        };
        await using var a = KestrelGateway.Start(definitions, settings);
        await using var b = KestrelGateway.Start(definitions, settings);
        await using var traffic = new Traffic(a, b);
        await traffic.WaitForMoreAsync(10);
        Assert.True(await a.Services.GetRequiredService<WafRateSynchronizer>().SyncAsync().WaitAsync(TestTimeouts.Default));

        await redis.StopAsync();
        await a.Logs.WaitForAsync(static e => e.Message.Contains("Redis did not answer", StringComparison.Ordinal));
        await b.Logs.WaitForAsync(static e => e.Message.Contains("Redis did not answer", StringComparison.Ordinal));
        var outageStart = traffic.Count;
        await traffic.WaitForMoreAsync(40);
        var duringOutage = traffic.Statuses.Skip(outageStart).ToList();

        await redis.RestartAsync();
        await a.Logs.WaitForAsync(static e => e.Message.Contains("Redis answers again", StringComparison.Ordinal));
        await b.Logs.WaitForAsync(static e => e.Message.Contains("Redis answers again", StringComparison.Ordinal));
        await traffic.WaitForMoreAsync(10);
        await traffic.StopAsync();

        Assert.All(traffic.Statuses, static s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"answered {(int)s}"));
        Assert.Contains(HttpStatusCode.Forbidden, duringOutage);
        Assert.True(await a.Services.GetRequiredService<WafRateSynchronizer>().SyncAsync().WaitAsync(TestTimeouts.Default));
        Assert.True(await b.Services.GetRequiredService<WafRateSynchronizer>().SyncAsync().WaitAsync(TestTimeouts.Default));
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(TestTimeouts.Default);
        var slices = await connection.GetDatabase().HashGetAllAsync($"{prefix}guard:per-ip:60:00000000000000000000ffff7f000001").WaitAsync(TestTimeouts.Default);
        Assert.True(slices.Sum(static s => (long)s.Value) > 10, "the restarted Redis holds the window's counts of both replicas");
    }

    /// <summary>Requests alternating between two gateways until stopped, their statuses recorded; waits are on its own signal.</summary>
    private sealed class Traffic : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<HttpStatusCode> _statuses = new();
        private readonly Task _loop;
        private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Traffic(KestrelGateway a, KestrelGateway b) => _loop = Task.Run(() => RunAsync(a, b));

        public IReadOnlyList<HttpStatusCode> Statuses => [.. _statuses];

        public int Count => _statuses.Count;

        public async Task WaitForMoreAsync(int requests)
        {
            var target = Count + requests;
            using var deadline = new CancellationTokenSource(TestTimeouts.Default);
            while (Count < target)
            {
                await Volatile.Read(ref _progress).Task.WaitAsync(deadline.Token);
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _loop.WaitAsync(TestTimeouts.Default);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task RunAsync(KestrelGateway a, KestrelGateway b)
        {
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                var gateway = i % 2 == 0 ? a : b;
                try
                {
                    using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "items"), _stop.Token);
                    _statuses.Enqueue(response.StatusCode);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
    }
}
