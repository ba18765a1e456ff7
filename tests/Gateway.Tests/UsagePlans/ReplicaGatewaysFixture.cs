using Platform.Testing;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>
/// A real redis-server and two real gateway processes (A and B) on it, serving one definitions file with the same
/// key prefix: replicas as a deployment runs them. Plans (each test uses its own):
/// <c>quota-plan</c> 100 a DAY; <c>burst-plan</c> burst 50, one token per 100 s; <c>report-plan</c> 1,000 a DAY;
/// all on <c>GET /items</c> at <c>/shop</c>. The gateways accept SigV4 for the usage report with
/// <see cref="AccessKeyId"/>/<see cref="SecretAccessKey"/>.
/// </summary>
public sealed class ReplicaGatewaysFixture : IAsyncLifetime
{
    public const string AccessKeyId = "AKIDREPLICAS";
    public const string SecretAccessKey = "replicas-secret-0123456789abcdef";
    public const string QuotaKey = "quota-key-0123456789abcdef";
    public const string BurstKey = "burst-key-0123456789abcdef";
    public const string ReportKey = "report-key-0123456789abcdef";

    private const string Definitions = $$"""
        {
          "apis": {
            "shop": {
              "protocol": "HTTP",
              "routes": {
                "GET /items": { "integration": "ok", "apiKeyRequired": true }, "GET /open": { "integration": "ok" },
                "GET /burst": { "integration": "ok" }, "GET /steady": { "integration": "ok" }
              },
              "integrations": { "ok": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200 } } },
              "stages": { "prod": { "routeSettings": {
                "GET /burst": { "throttlingRateLimit": 0.01, "throttlingBurstLimit": 50 },
                "GET /steady": { "throttlingRateLimit": 200, "throttlingBurstLimit": 40 }
              } } }
            }
          },
          "domainNames": { "$default": { "apiMappings": [ { "apiMappingKey": "shop", "api": "shop", "stage": "prod" } ] } },
          "usagePlans": {
            "quota-plan": { "apiStages": [ { "api": "shop", "stage": "prod" } ], "quota": { "limit": 100, "period": "DAY" } },
            "burst-plan": { "apiStages": [ { "api": "shop", "stage": "prod" } ], "throttle": { "rateLimit": 0.01, "burstLimit": 50 } },
            "report-plan": { "apiStages": [ { "api": "shop", "stage": "prod" } ], "quota": { "limit": 1000, "period": "DAY" } }
          },
          "apiKeys": {
            "quota-key": { "value": "{{QuotaKey}}", "usagePlans": ["quota-plan"] },
            "burst-key": { "value": "{{BurstKey}}", "usagePlans": ["burst-plan"] },
            "report-key": { "value": "{{ReportKey}}", "usagePlans": ["report-plan"] }
          }
        }
        """;

    private readonly RedisServerFixture _redis = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gateway-replicas-" + Guid.NewGuid().ToString("N"));

    public GatewayProcess A { get; private set; } = null!;

    public GatewayProcess B { get; private set; } = null!;

    public string Output => A.Output + "\n" + B.Output;

    /// <summary>The shared redis-server, for command statistics.</summary>
    public string RedisConnectionString => _redis.ConnectionString;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "apis.json");
        await File.WriteAllTextAsync(file, Definitions);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = _redis.ConnectionString,
            ["Gateway__UsagePlans__KeyPrefix"] = "replicas:",
            ["Platform__Credentials__0__AccessKeyId"] = AccessKeyId,
            ["Platform__Credentials__0__SecretAccessKey"] = SecretAccessKey,
        };
        var starting = new[] { GatewayProcess.StartAsync("gateway-a", file, environment), GatewayProcess.StartAsync("gateway-b", file, environment) };
        try
        {
            var started = await Task.WhenAll(starting);
            (A, B) = (started[0], started[1]);

            // The definitions are live on both (a route answers), and both have served a request before the tests.
            using var client = new HttpClient { Timeout = TestTimeouts.Default };
            foreach (var gateway in started)
            {
                using var response = await client.GetAsync(gateway.Uri("shop/open"));
                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{gateway.Name} answered {(int)response.StatusCode} on /shop/open.\n{gateway.Output}");
                }
            }
        }
        catch
        {
            foreach (var task in starting.Where(static t => t.IsCompletedSuccessfully))
            {
                await (await task).DisposeAsync();
            }

            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        await _redis.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
