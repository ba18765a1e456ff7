using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.EndToEnd.Tests;

/// <summary>Every route of the sample <c>shop</c> API, through the AppHost's gateway on its public port, as a client calls it.</summary>
public sealed class GatewaySampleTests(SampleStackFixture stack) : IClassFixture<SampleStackFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private HttpClient Gateway => stack.Gateway;

    [Fact]
    public async Task Health_Mock_AnswersOkWithRequestIds()
    {
        using var response = await Gateway.GetAsync(new Uri("/health", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync().WaitAsync(Timeout));
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        Assert.True(response.Headers.Contains("apigw-requestid"));
    }

    [Fact]
    public async Task Cors_PreflightFromTheDevServer_AnsweredByTheGateway()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/orders", UriKind.Relative));
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type, authorization");

        using var response = await Gateway.SendAsync(preflight).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:5173", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("GET,POST,PUT,DELETE", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task Users_CreateGetAndList_ThroughFunctions()
    {
        var email = $"e2e-{Guid.NewGuid():N}@example.com";

        using var created = await Gateway.PostAsync(new Uri("/users", UriKind.Relative),
            new StringContent($$"""{"email":"{{email}}","name":"E2E User"}""", Encoding.UTF8, "application/json")).WaitAsync(Timeout);
        var user = JsonNode.Parse(await created.Content.ReadAsStringAsync().WaitAsync(Timeout))!;
        var userId = (string)user["userId"]!;
        using var fetched = await Gateway.GetAsync(new Uri($"/users/{userId}", UriKind.Relative)).WaitAsync(Timeout);
        var listed = await Gateway.GetFromJsonAsync<JsonNode>(new Uri("/users?limit=100", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(email, (string)JsonNode.Parse(await fetched.Content.ReadAsStringAsync().WaitAsync(Timeout))!["email"]!);
        Assert.Contains(listed!["users"]!.AsArray(), u => (string)u!["userId"]! == userId);
    }

    [Fact]
    public async Task Users_BadInput_400FromTheValidator_404FromTheFunction()
    {
        using var malformed = await Gateway.PostAsync(new Uri("/users", UriKind.Relative),
            new StringContent("{not json", Encoding.UTF8, "application/json")).WaitAsync(Timeout);
        using var unknown = await Gateway.GetAsync(new Uri($"/users/{Guid.NewGuid():N}", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("Invalid request body", (string?)JsonNode.Parse(await malformed.Content.ReadAsStringAsync().WaitAsync(Timeout))!["message"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Users_CreateUserModel_EveryViolationListed()
    {
        using var response = await Gateway.PostAsync(new Uri("/users", UriKind.Relative),
            new StringContent("""{"email":"ada","name":"","age":151,"role":"owner"}""", Encoding.UTF8, "application/json")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(Timeout))!["errors"]!.AsArray();
        Assert.Equal(["/age", "/email", "/name", "/role"], errors.Select(e => (string)e!["path"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Catalog_CachedPerCategory()
    {
        var books = await CatalogAsync("books");
        var booksAgain = await CatalogAsync("books");
        var games = await CatalogAsync("games");

        // The second books answer is the cached first one (same generatedAt); games is its own entry.
        Assert.Equal((string?)books["generatedAt"], (string?)booksAgain["generatedAt"]);
        Assert.Equal(["b-001", "b-002"], books["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal("games", (string?)games["category"]);
    }

    [Theory]
    [InlineData("/catalog?category=books%27%20OR%20%271%27%3D%271")]
    [InlineData("/echo/x?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task Waf_SqlInjectionAndXss_403Forbidden(string path)
    {
        using var response = await Gateway.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await response.Content.ReadAsStringAsync().WaitAsync(Timeout));
    }

    private async Task<JsonNode> CatalogAsync(string category)
    {
        using var response = await Gateway.GetAsync(new Uri($"/catalog?category={category}", UriKind.Relative)).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(Timeout))!;
    }

    [Fact]
    public async Task Orders_CreateGetListCancel_ThroughHttpProxy()
    {
        var customer = $"c-{Guid.NewGuid():N}";

        // POST /orders needs a token with scope orders:write (the sample's development client has it).
        using var tokenResponse = await Gateway.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(
            [new("grant_type", "client_credentials"), new("client_id", "platform-dev"), new("client_secret", "platform-dev-secret")])).WaitAsync(Timeout);
        var token = (string)JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync().WaitAsync(Timeout))!["access_token"]!;
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri("/orders", UriKind.Relative))
        {
            Content = new StringContent($$"""{"customerId":"{{customer}}","items":[{"sku":"sku-1","quantity":2,"unitPrice":9.5}]}""", Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var created = await Gateway.SendAsync(create).WaitAsync(Timeout);
        var order = JsonNode.Parse(await created.Content.ReadAsStringAsync().WaitAsync(Timeout))!;
        var orderId = (string)order["id"]!;
        using var fetched = await Gateway.GetAsync(new Uri($"/orders/{orderId}", UriKind.Relative)).WaitAsync(Timeout);
        var listed = await Gateway.GetFromJsonAsync<JsonNode>(new Uri($"/orders?customerId={customer}", UriKind.Relative)).WaitAsync(Timeout);
        using var cancelled = await Gateway.DeleteAsync(new Uri($"/orders/{orderId}", UriKind.Relative)).WaitAsync(Timeout);
        using var missing = await Gateway.GetAsync(new Uri("/orders/does-not-exist", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(19.0m, (decimal)order["total"]!);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(orderId, (string)Assert.Single(listed!["items"]!.AsArray())!["id"]!);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.True(missing.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"got {missing.StatusCode}");
        Assert.True(fetched.Headers.Contains("apigw-requestid"));
    }

    [Fact]
    public async Task Echo_ReturnsThePayload20EventTheFunctionReceived()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo/a/b%20c/?x=1&x=2&y=z");
        request.Headers.Add("X-Custom", "v");
        request.Headers.Add("Cookie", "c1=v1; c2=v2");
        request.Content = new StringContent("""{"hello":"world"}""", Encoding.UTF8, "application/json");

        using var response = await Gateway.SendAsync(request).WaitAsync(Timeout);
        var e = JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(Timeout))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2.0", (string)e["version"]!);
        Assert.Equal("ANY /echo/{proxy+}", (string)e["routeKey"]!);
        Assert.Equal("/echo/a/b%20c/", (string)e["rawPath"]!);
        Assert.Equal("x=1&x=2&y=z", (string)e["rawQueryString"]!);
        Assert.Equal("a/b c/", (string)e["pathParameters"]!["proxy"]!);
        Assert.Equal("1,2", (string)e["queryStringParameters"]!["x"]!);
        Assert.Equal("v", (string)e["headers"]!["x-custom"]!);
        Assert.Equal(["c1=v1", "c2=v2"], e["cookies"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("127.0.0.1", (string)e["headers"]!["x-forwarded-for"]!);
        Assert.Equal("""{"hello":"world"}""", (string)e["body"]!);
        Assert.Equal("shop", (string)e["requestContext"]!["apiId"]!);
        Assert.Equal("prod", (string)e["requestContext"]!["stage"]!);
        Assert.Equal("POST", (string)e["requestContext"]!["http"]!["method"]!);
        Assert.Equal(response.Headers.GetValues("apigw-requestid").Single(), (string)e["requestContext"]!["requestId"]!);
    }

    [Fact]
    public async Task Slow_FunctionOutlivesItsOneSecondTimeout_503()
    {
        var stopwatch = Stopwatch.StartNew();

        using var response = await Gateway.GetAsync(new Uri("/slow", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"message":"Service Unavailable"}""", await response.Content.ReadAsStringAsync().WaitAsync(Timeout));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.9));
    }

    [Theory]
    [InlineData("GET", "/nothing")]
    [InlineData("DELETE", "/users")]
    [InlineData("POST", "/health")]
    public async Task UnknownRoute_404NotFound(string method, string path)
    {
        using var response = await Gateway.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"message":"Not Found"}""", await response.Content.ReadAsStringAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task AccessLog_GatewayWritesTheStagesClfLine()
    {
        using var response = await Gateway.GetAsync(new Uri("/health", UriKind.Relative)).WaitAsync(Timeout);
        var requestId = response.Headers.GetValues("apigw-requestid").Single();

        await stack.Host.WaitForOutputAsync(line => line.Contains(requestId, StringComparison.Ordinal), Timeout);

        Assert.Contains($"\"GET /health HTTP/1.1\" 200 15 {requestId} GET /health", stack.Host.Output, StringComparison.Ordinal);
    }
}
