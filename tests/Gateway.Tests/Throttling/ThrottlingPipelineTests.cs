using System.Net;
using Platform.Gateway.Tests.Pipeline;

namespace Platform.Gateway.Tests.Throttling;

/// <summary>
/// Throttling through the whole pipeline (embedded mode, exact in-memory buckets): AWS's 429 body and Retry-After,
/// one bucket per route with the stage defaults, route overrides, the account bucket across APIs, 0/0, REST's
/// error type, and throttling before authorizers. Rates are tiny so no refill happens during a test.
/// </summary>
public sealed class ThrottlingPipelineTests
{
    private const string Definitions = """
        {"apis": {
          "shop": {"protocol": "HTTP",
            "routes": {
              "GET /a": {"integration": "ok"}, "GET /b": {"integration": "ok"}, "POST /orders": {"integration": "ok"},
              "GET /closed": {"integration": "ok"}, "GET /free": {"integration": "ok"},
              "GET /secret": {"integration": "ok", "authorizationType": "CUSTOM", "authorizerId": "never"}
            },
            "integrations": {"ok": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200, "body": "ok"}}},
            "authorizers": {"never": {"authorizerType": "REQUEST", "integrationUri": "http://127.0.0.1:9", "functionName": "never", "authorizerResultTtlInSeconds": 0}},
            "stages": {
              "prod": {
                "defaultRouteSettings": {"throttlingRateLimit": 0.001, "throttlingBurstLimit": 3},
                "routeSettings": {
                  "POST /orders": {"throttlingRateLimit": 1, "throttlingBurstLimit": 1},
                  "GET /closed": {"throttlingRateLimit": 0, "throttlingBurstLimit": 0},
                  "GET /secret": {"throttlingBurstLimit": 1}
                }
              },
              "dev": {}
            }
          },
          "legacy": {"protocol": "REST",
            "routes": {"GET /pets": {"integration": "ok"}},
            "integrations": {"ok": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200}}},
            "stages": {"prod": {"defaultRouteSettings": {"throttlingRateLimit": 0.001, "throttlingBurstLimit": 1}}}
          }},
         "domainNames": {"$default": {"apiMappings": [
           {"apiMappingKey": "", "api": "shop", "stage": "prod"}, {"apiMappingKey": "dev", "api": "shop", "stage": "dev"},
           {"apiMappingKey": "legacy", "api": "legacy", "stage": "prod"}]}}}
        """;

    [Fact]
    public async Task Get_PastTheBurst_429TooManyRequestsWithRetryAfter()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        var statuses = await SendAsync(client, HttpMethod.Get, "/a", 5);
        using var refused = await client.GetAsync(new Uri("/a", UriKind.Relative));

        Assert.Equal<int>([200, 200, 200, 429, 429], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("{\"message\":\"Too Many Requests\"}", await refused.Content.ReadAsStringAsync());
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.True(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture) >= 999, retryAfter);
    }

    [Fact]
    public async Task StageDefaults_EachRouteHasItsOwnBucket()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        var a = await SendAsync(client, HttpMethod.Get, "/a", 4);
        var b = await SendAsync(client, HttpMethod.Get, "/b", 4);

        Assert.Equal([200, 200, 200, 429], a);
        Assert.Equal([200, 200, 200, 429], b);
    }

    [Fact]
    public async Task RouteSettings_OverrideTheStageDefaults_PropertyByProperty()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        var orders = await SendAsync(client, HttpMethod.Post, "/orders", 2);
        // GET /secret overrides only the burst (1); the rate comes from the defaults. Throttling comes before the
        // authorizer (which answers 401: no identity source), so the second request is a 429, not a 401.
        var secret = await SendAsync(client, HttpMethod.Get, "/secret", 2);

        Assert.Equal([200, 429], orders);
        Assert.Equal<int>([401, 429], secret);
    }

    [Fact]
    public async Task ZeroZero_RefusesEveryRequest()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        var actual436 = await SendAsync(client, HttpMethod.Get, "/closed", 2);

        Assert.Equal<int>([429, 429], actual436);
    }

    [Fact]
    public async Task StageWithoutSettings_NotThrottled()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        Assert.All(await SendAsync(client, HttpMethod.Get, "/dev/a", 20), s => Assert.Equal(200, s));
    }

    [Fact]
    public async Task Rest_Throttled_TooManyRequestsExceptionType()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        var actual500 = await SendAsync(client, HttpMethod.Get, "/legacy/pets", 2);

        Assert.Equal<int>([200, 429], actual500);
        using var refused = await client.GetAsync(new Uri("/legacy/pets", UriKind.Relative));
        Assert.Equal("TooManyRequestsException", Assert.Single(refused.Headers.GetValues("x-amzn-ErrorType")));
        Assert.Equal("{\"message\":\"Too Many Requests\"}", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AccountBucket_SharedByEveryApiAndRoute()
    {
        await using var app = GatewayApp.Start(Definitions, new Dictionary<string, string?>
        {
            ["Gateway:Throttling:AccountRateLimit"] = "0.001",
            ["Gateway:Throttling:AccountBurstLimit"] = "4",
        });
        using var client = app.CreateClient();

        var statuses = new List<int>();
        foreach (var path in new[] { "/dev/a", "/dev/b", "/legacy/pets", "/dev/a", "/dev/b", "/a" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([200, 200, 200, 200, 429, 429], statuses);
    }

    [Fact]
    public async Task AccountBucketDisabled_OnlyRouteBuckets()
    {
        await using var app = GatewayApp.Start(Definitions, new Dictionary<string, string?>
        {
            ["Gateway:Throttling:AccountRateLimit"] = "",
            ["Gateway:Throttling:AccountBurstLimit"] = "",
        });
        using var client = app.CreateClient();

        Assert.All(await SendAsync(client, HttpMethod.Get, "/dev/a", 30), s => Assert.Equal(200, s));
    }

    [Fact]
    public async Task RouteRefusal_GivesTheAccountTokenBack()
    {
        await using var app = GatewayApp.Start(Definitions, new Dictionary<string, string?>
        {
            ["Gateway:Throttling:AccountRateLimit"] = "0.001",
            ["Gateway:Throttling:AccountBurstLimit"] = "3",
        });
        using var client = app.CreateClient();

        // Refused by its route's 0/0 bucket, /closed spends no account token: /dev/a still gets all three.
        var actual665 = await SendAsync(client, HttpMethod.Get, "/closed", 3);
        Assert.Equal<int>([429, 429, 429], actual665);
        var actual431 = await SendAsync(client, HttpMethod.Get, "/dev/a", 4);
        Assert.Equal<int>([200, 200, 200, 429], actual431);
    }

    [Theory]
    [InlineData("Gateway:Throttling:AccountRateLimit", "-1", "AccountRateLimit must be ≥ 0")]
    [InlineData("Gateway:Throttling:AccountBurstLimit", "", "are set together")]
    [InlineData("Gateway:Throttling:StoreTimeout", "00:00:00", "StoreTimeout must be positive")]
    [InlineData("Gateway:Throttling:LeaseLifetime", "00:01:00", "LeaseLifetime must be positive and at most 00:00:10")]
    [InlineData("Gateway:Throttling:KeyPrefix", "", "KeyPrefix must not be empty")]
    public async Task InvalidOptions_HostDoesNotStart(string key, string value, string message)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration, [new(key, value)]);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Platform.ServiceDefaults.Redis.PlatformRedis>(builder.Services);
        Gateway.UsagePlans.UsagePlanServiceCollectionExtensions.AddUsagePlans(builder);
        Gateway.Throttling.ThrottlingServiceCollectionExtensions.AddThrottling(builder);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync().WaitAsync(TestTimeouts.Default));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    private static async Task<int[]> SendAsync(HttpClient client, HttpMethod method, string path, int count)
    {
        var statuses = new int[count];
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            using var response = await client.SendAsync(request);
            statuses[i] = (int)response.StatusCode;
        }

        return statuses;
    }
}
