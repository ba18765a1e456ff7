using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Definitions.Responses;
using Platform.Gateway.UsagePlans;
using Platform.ServiceDefaults.Redis;
using Platform.Testing;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>The enforcer over a real redis-server (each test under its own key prefix), and when Redis is away.</summary>
public sealed class RedisUsagePlanEnforcerTests : UsagePlanEnforcerContract, IClassFixture<RedisServerFixture>
{
    private readonly PlatformRedis _redis;

    public RedisUsagePlanEnforcerTests(RedisServerFixture server)
    {
        _redis = RedisUsagePlanStoreTests.Connect(server.ConnectionString);
        _store = new RedisUsagePlanStore(_redis, Options.Create(new UsagePlanOptions { KeyPrefix = "e" + Guid.NewGuid().ToString("N")[..8] + ":" }),
            NullLogger<RedisUsagePlanStore>.Instance);
    }

    private readonly RedisUsagePlanStore _store;

    private protected override IUsagePlanStore Store => _store;

    [Fact]
    public async Task Enforce_RedisUnreachable_500WithTheKeyRecorded()
    {
        using var absent = RedisUsagePlanStoreTests.Connect($"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=500");
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var store = new RedisUsagePlanStore(absent, Options.Create(new UsagePlanOptions()), NullLogger<RedisUsagePlanStore>.Instance);
        var enforcer = new UsagePlanEnforcer(
            store,
            new UsagePlanTelemetry(meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<UsagePlanEnforcer>.Instance);
        var context = new DefaultHttpContext();
        context.Request.Headers["x-api-key"] = PlanDefinitions.GoldKey;
        var request = PlanDefinitions.Request(PlanDefinitions.Compile(), "shop", "prod", "GET /items", PlanDefinitions.Now);

        var error = await enforcer.EnforceAsync(context, request).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Equal(GatewayResponseType.Default5xx, Assert.IsType<Platform.Gateway.Responses.GatewayError>(error).Type);
        Assert.Contains("usage plan store (redis) failed", error.Detail, StringComparison.Ordinal);
        Assert.Equal("gold-key", request.ApiKeyId);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _store.Dispose();
            _redis.Dispose();
        }

        base.Dispose(disposing);
    }
}
