using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Observability;
using Platform.Gateway.Runtime;

namespace Platform.Gateway.Tests.Pipeline;

/// <summary>The whole pipeline in process: request ids, limits, not-found per flavour, probes, access logs, definition snapshots.</summary>
public sealed class GatewayPipelineTests
{
    private const string Definitions = """
        {
          "apis": {
            "shop": {
              "protocol": "HTTP",
              "routes": {
                "GET /health": { "integration": "health" },
                "ANY /items/{id}": { "integration": "item" }
              },
              "integrations": {
                "health": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200, "body": "{\"status\":\"ok\"}" } },
                "item": { "integrationType": "MOCK", "mockResponse": { "statusCode": 202, "headers": { "x-route": "item" }, "body": "$context.routeKey $context.stage $context.requestId" } }
              },
              "stages": {
                "prod": { "accessLogSettings": { "format": "$context.httpMethod $context.path $context.status $context.routeKey $context.requestId" } }
              }
            },
            "legacy": {
              "protocol": "REST",
              "routes": { "GET /ping": { "integration": "pong" } },
              "integrations": { "pong": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200, "body": "pong" } } },
              "stages": { "v1": {} }
            }
          },
          "domainNames": {
            "$default": { "apiMappings": [ { "apiMappingKey": "", "api": "shop", "stage": "prod" }, { "apiMappingKey": "legacy", "api": "legacy", "stage": "v1" } ] }
          }
        }
        """;

    [Fact]
    public async Task Request_MockRoute_AnsweredWithRequestIds()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/items/7", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("item", response.Headers.GetValues("x-route").Single());
        var requestId = Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));
        var extended = Assert.Single(response.Headers.GetValues("apigw-requestid"));
        Assert.True(Guid.TryParse(requestId, out _));
        Assert.Equal(16, extended.Length);
        Assert.Equal($"ANY /items/{{id}} prod {extended}", body);
    }

    [Fact]
    public async Task Request_ApiRouteOnProbePath_ServedByTheApi_ProbesMovedUnderPrefix()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        using var apiHealth = await client.GetAsync(new Uri("/health", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        using var probe = await client.GetAsync(new Uri("/_gateway/health", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        using var alive = await client.GetAsync(new Uri("/_gateway/alive", UriKind.Relative)).WaitAsync(TestTimeouts.Default);

        Assert.Equal("""{"status":"ok"}""", await apiHealth.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.True(apiHealth.Headers.Contains("apigw-requestid"));
        Assert.Equal("Healthy", await probe.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.False(probe.Headers.Contains("apigw-requestid"));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [InlineData("localhost", "/nothing", HttpStatusCode.NotFound, """{"message":"Not Found"}""", null)]
    [InlineData("localhost", "/items", HttpStatusCode.NotFound, """{"message":"Not Found"}""", null)]
    [InlineData("localhost", "/legacy/nothing", HttpStatusCode.Forbidden, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException")]
    [InlineData("unknown.execute-api.localhost", "/x", HttpStatusCode.NotFound, """{"message":"Not Found"}""", null)]
    public async Task Request_NothingServesIt_AnswersAsAwsForTheFlavour(string host, string path, HttpStatusCode status, string body, string? errorType)
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient(host);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal(errorType, response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
    }

    [Fact]
    public async Task Request_RestApi_CarriesApigwId()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/legacy/ping", UriKind.Relative)).WaitAsync(TestTimeouts.Default);

        Assert.Equal("pong", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal(response.Headers.GetValues("apigw-requestid").Single(), response.Headers.GetValues("x-amz-apigw-id").Single());
    }

    [Fact]
    public async Task Request_UrlTooLong_414()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/items/" + new string('a', 8200), UriKind.Relative)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("""{"message":"Request-URI Too Long"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Request_HeadersOver10KB_431()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/items/1");
        request.Headers.Add("x-big", new string('b', 10 * 1024));

        using var response = await client.SendAsync(request).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal("""{"message":"Request Header Fields Too Large"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Request_BodyOver10MB_413WithoutReadingIt()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();
        using var content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);

        using var response = await client.PostAsync(new Uri("/items/1", UriKind.Relative), content).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("""{"message":"Request Entity Too Large"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Request_StageWithAccessLog_WritesOneStructuredRecord()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        using var response = await client.PutAsync(new Uri("/items/9", UriKind.Relative), new StringContent("x", Encoding.UTF8)).WaitAsync(TestTimeouts.Default);
        var requestId = response.Headers.GetValues("apigw-requestid").Single();

        var record = Assert.Single(app.Logs, l => l.Category == AccessLogWriter.Category);
        Assert.Equal($"PUT /items/9 202 ANY /items/{{id}} {requestId}", record.Message);
        Assert.Contains(record.State, f => f.Key == "apigateway.api" && Equals(f.Value, "shop"));
        Assert.Contains(record.State, f => f.Key == "apigateway.stage" && Equals(f.Value, "prod"));
        Assert.Contains(record.State, f => f.Key == "http.response.status_code" && Equals(f.Value, 202));
    }

    [Fact]
    public async Task Request_StageWithoutAccessLog_WritesNone()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/legacy/ping", UriKind.Relative)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(app.Logs, l => l.Category == AccessLogWriter.Category);
    }

    [Fact]
    public async Task Request_AfterDefinitionSwap_NewRequestsSeeTheNewVersion()
    {
        await using var app = GatewayApp.Start(Definitions);
        using var client = app.CreateClient();
        var state = app.Services.GetRequiredService<GatewayState>();

        // Outside the watched directory, so that the swap below is the only change.
        var changed = Path.Combine(Path.GetTempPath(), $"gateway-changed-{Guid.NewGuid():N}.json");
        File.WriteAllText(changed, Definitions.Replace("GET /health", "GET /status", StringComparison.Ordinal));
        try
        {
            state.Update(Platform.Definitions.DefinitionLoader.Load([changed]).Definition!);
        }
        finally
        {
            File.Delete(changed);
        }

        using var oldRoute = await client.GetAsync(new Uri("/health", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        using var newRoute = await client.GetAsync(new Uri("/status", UriKind.Relative)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.NotFound, oldRoute.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newRoute.StatusCode);
    }
}
