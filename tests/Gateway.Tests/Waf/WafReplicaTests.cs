using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Definitions.Waf;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Waf.Rate;
using Platform.Testing;
using static Platform.Gateway.Tests.Waf.WafApis;

namespace Platform.Gateway.Tests.Waf;

/// <summary>
/// A rate-based rule counted across two gateway replicas (in-process hosts on real sockets) sharing one real
/// redis-server. The replicas' periodic sync is turned off (an hour), and the tests sync them at chosen moments, so
/// what each replica knows is exact: blocked after the limit and not before, and between syncs over-admission of at
/// most what the other replica admitted meanwhile.
/// </summary>
public sealed class WafReplicaTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const int Limit = 10;
    private static readonly RateRule PerIp = new("guard", "per-ip", Limit, 60);
    private static readonly UInt128 Client = IpAddressKey.Of(IPAddress.Loopback);

    [Fact]
    public async Task Replicas_SyncedBetweenBursts_BlockAfterTheLimitNotBefore()
    {
        await using var replicas = await ReplicasAsync();

        var a = await SendAsync(replicas.A, 5);
        await SyncAsync(replicas.A);
        var b = await SendAsync(replicas.B, 5);
        await SyncAsync(replicas.B, replicas.A);
        var afterLimit = await SendAsync(replicas.A, 1);
        afterLimit.AddRange(await SendAsync(replicas.B, 1));

        Assert.All(a.Concat(b), static s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(afterLimit, static s => Assert.Equal(HttpStatusCode.Forbidden, s));

        // A knows the shared 10 and its own request since; B's is shared at B's next sync.
        Assert.Equal(11, RateOf(replicas.A));
    }

    [Fact]
    public async Task Replicas_BetweenSyncs_OverAdmitAtMostWhatTheOtherAdmitted()
    {
        await using var replicas = await ReplicasAsync();
        await SendAsync(replicas.B, 1);
        await SendAsync(replicas.A, 7);
        await SyncAsync(replicas.A, replicas.B, replicas.A);

        // Interleaved with no sync: each replica knows 8 and admits until its own count passes the limit.
        var admittedByA = 0;
        var admittedByB = 0;
        for (var i = 0; i < 5; i++)
        {
            admittedByA += (await SendAsync(replicas.A, 1)).Count(static s => s == HttpStatusCode.OK);
            admittedByB += (await SendAsync(replicas.B, 1)).Count(static s => s == HttpStatusCode.OK);
        }

        await SyncAsync(replicas.A, replicas.B, replicas.A);
        var afterSync = await SendAsync(replicas.B, 1);

        Assert.Equal((2, 2), (admittedByA, admittedByB));
        var overAdmitted = 8 + admittedByA + admittedByB - Limit;
        Assert.InRange(overAdmitted, 1, admittedByB);
        Assert.Equal([HttpStatusCode.Forbidden], afterSync);
        Assert.Equal(19, RateOf(replicas.B));
    }

    [Fact]
    public async Task Replica_AddressNewToIt_JudgesOnItsOwnCountUntilItsFirstSync()
    {
        await using var replicas = await ReplicasAsync();
        await SendAsync(replicas.A, 8);
        await SyncAsync(replicas.A);

        var blind = await SendAsync(replicas.B, 5);
        await SyncAsync(replicas.B);
        var informed = await SendAsync(replicas.B, 1);

        Assert.All(blind, static s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal([HttpStatusCode.Forbidden], informed);
        Assert.Equal(14, RateOf(replicas.B));
    }

    private static async Task<List<HttpStatusCode>> SendAsync(KestrelGateway gateway, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "items")).WaitAsync(TestTimeouts.Default);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task SyncAsync(params KestrelGateway[] gateways)
    {
        foreach (var gateway in gateways)
        {
            Assert.True(await gateway.Services.GetRequiredService<WafRateSynchronizer>().SyncAsync().WaitAsync(TestTimeouts.Default));
        }
    }

    private static long RateOf(KestrelGateway gateway) =>
        gateway.Services.GetRequiredService<WafRateLimiter>().CountOf(PerIp, Client);

    private async Task<Replicas> ReplicasAsync()
    {
        var definitions = With($"[{Rule("per-ip", 0, "BLOCK", $$"""{ "rateBased": { "limit": {{Limit}}, "evaluationWindowSec": 60 } }""")}]");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["Gateway:Waf:RateKeyPrefix"] = $"waf-{Guid.NewGuid():N}:",
            ["Gateway:Waf:RateSyncInterval"] = "01:00:00",
        };
        var a = KestrelGateway.Start(definitions, settings);
        try
        {
            return new Replicas(a, KestrelGateway.Start(definitions, settings));
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    private sealed class Replicas(KestrelGateway a, KestrelGateway b) : IAsyncDisposable
    {
        public KestrelGateway A { get; } = a;

        public KestrelGateway B { get; } = b;

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
        }
    }
}
