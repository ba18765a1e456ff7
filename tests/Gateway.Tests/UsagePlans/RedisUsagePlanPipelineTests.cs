using System.Net;
using Platform.Gateway.Tests.Pipeline;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>The pipeline contract with <c>ConnectionStrings:redis</c> set: the Redis store serves, under a key prefix of each test's own.</summary>
public sealed class RedisUsagePlanPipelineTests(RedisServerFixture redis) : UsagePlanPipelineContract, IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = "p" + Guid.NewGuid().ToString("N")[..8] + ":";

    private protected override IReadOnlyDictionary<string, string?> StoreSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:redis"] = redis.ConnectionString,
        ["Gateway:UsagePlans:KeyPrefix"] = _prefix,
    };

    [Fact]
    public async Task Get_WithKey_StateWrittenToRedis()
    {
        await using var app = GatewayApp.Start(PlanDefinitions.Json, StoreSettings);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/shop/items", UriKind.Relative));
        request.Headers.Add("x-api-key", PlanDefinitions.GoldKey);

        using var response = await client.SendAsync(request).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(TestTimeouts.Default);
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, (long)await connection.GetDatabase().HashGetAsync($"{_prefix}k:gold:gold-key", "d:" + day).WaitAsync(TestTimeouts.Default));
    }
}
