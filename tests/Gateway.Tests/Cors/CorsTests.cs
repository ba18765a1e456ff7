using System.Net;
using Platform.Definitions;
using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Tests.Pipeline;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Cors;

/// <summary>CORS as API Gateway's HTTP APIs do it: preflights answered by the gateway, backend CORS headers replaced, and the definition rules.</summary>
public sealed class CorsTests : IAsyncLifetime
{
    private const string Definitions = """
        {"apis": {"a": {"protocol": "HTTP",
          "routes": {
            "GET /items": {"integration": "items"},
            "POST /items": {"integration": "items", "authorizationType": "CUSTOM", "authorizerId": "never"},
            "OPTIONS /items": {"integration": "items"}
          },
          "integrations": {"items": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200,
            "headers": {"Access-Control-Allow-Origin": "https://evil.example", "Access-Control-Allow-Credentials": "true", "x-backend": "1"}, "body": "items"}}},
          "authorizers": {"never": {"authorizerType": "REQUEST", "integrationUri": "http://127.0.0.1:9", "functionName": "never", "authorizerResultTtlInSeconds": 0}},
          "stages": {"$default": {}},
          "corsConfiguration": {
            "allowOrigins": ["http://localhost:5173", "https://*.example.com:8443"],
            "allowMethods": ["GET", "POST"],
            "allowHeaders": ["content-type", "authorization"],
            "exposeHeaders": ["x-backend"],
            "maxAge": 600,
            "allowCredentials": true
          }}},
         "domainNames": {"$default": {"apiMappings": [{"apiMappingKey": "", "api": "a", "stage": "$default"}]}}}
        """;

    private GatewayApp _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = GatewayApp.Start(Definitions);
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method, string? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return await _client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static TheoryData<string, string, string, string?, bool> PreflightMatrix => new()
    {
        // path, origin, method, requested headers, allowed
        { "/items", "http://localhost:5173", "GET", null, true },
        { "/items", "http://localhost:5173", "POST", "Content-Type, Authorization", true },
        { "/items", "http://LOCALHOST:5173", "post", "content-type", true },
        { "/items", "https://shop.example.com:8443", "GET", null, true },
        { "/items", "https://a.b.example.com:8443", "GET", null, true },
        { "/nowhere", "http://localhost:5173", "GET", null, true },          // no route needed: the gateway answers
        { "/items", "https://example.com:8443", "GET", null, false },         // the wildcard is for subdomains only
        { "/items", "https://shop.example.com", "GET", null, false },         // other port
        { "/items", "http://shop.example.com:8443", "GET", null, false },     // other scheme
        { "/items", "https://evil.com/.example.com:8443", "GET", null, false },
        { "/items", "http://localhost:3000", "GET", null, false },
        { "/items", "http://localhost:5173", "DELETE", null, false },
        { "/items", "http://localhost:5173", "GET", "x-secret", false },
        { "/items", "http://localhost:5173", "GET", "content-type, x-secret", false },
    };

    [Theory]
    [MemberData(nameof(PreflightMatrix))]
    public async Task Preflight_AnsweredByTheGateway(string path, string origin, string method, string? headers, bool allowed)
    {
        using var response = await PreflightAsync(path, origin, method, headers);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(Header(response, "x-backend"));
        if (allowed)
        {
            Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
            Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
            Assert.Equal("GET,POST", Header(response, "Access-Control-Allow-Methods"));
            Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
            if (headers is not null)
            {
                Assert.Equal("content-type,authorization", Header(response, "Access-Control-Allow-Headers"));
            }
        }
        else
        {
            Assert.Null(Header(response, "Access-Control-Allow-Origin"));
            Assert.Null(Header(response, "Access-Control-Allow-Methods"));
        }
    }

    [Fact]
    public async Task Preflight_OfARouteBehindAnAuthorizer_IsNotAuthorized()
    {
        // POST /items has a CUSTOM authorizer on an unreachable service: were the preflight authorized, it would be 500.
        using var response = await PreflightAsync("/items", "http://localhost:5173", "POST");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:5173", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task PlainOptions_WithoutPreflightHeaders_GoesToTheRoute()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/items", UriKind.Relative));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("items", await response.Content.ReadAsStringAsync());
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Response_AllowedOrigin_GatewayHeadersReplaceTheBackends()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/items", UriKind.Relative));
        request.Headers.Add("Origin", "http://localhost:5173");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost:5173", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal("x-backend", Header(response, "Access-Control-Expose-Headers"));
        Assert.Contains("Origin", Header(response, "Vary"), StringComparison.Ordinal);
        Assert.Equal("1", Header(response, "x-backend"));
    }

    [Fact]
    public async Task Response_OtherOriginOrNoOrigin_BackendCorsHeadersDropped()
    {
        using var foreign = new HttpRequestMessage(HttpMethod.Get, new Uri("/items", UriKind.Relative));
        foreign.Headers.Add("Origin", "https://evil.example");
        using var plain = new HttpRequestMessage(HttpMethod.Get, new Uri("/items", UriKind.Relative));

        using var foreignResponse = await _client.SendAsync(foreign);
        using var plainResponse = await _client.SendAsync(plain);

        foreach (var response in new[] { foreignResponse, plainResponse })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(Header(response, "Access-Control-Allow-Origin"));
            Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        }
    }

    [Fact]
    public async Task GatewayErrors_CarryTheCorsHeadersToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/nowhere", UriKind.Relative));
        request.Headers.Add("Origin", "http://localhost:5173");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("http://localhost:5173", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AnyOriginWithoutCredentials_AnswersStar()
    {
        await using var app = GatewayApp.Start(Api(
            gatewayResponses: "'corsConfiguration': {'allowOrigins': ['*'], 'allowMethods': ['*'], 'allowHeaders': ['*']}",
            domainNames: "'domainNames': {'$default': {'apiMappings': [{'apiMappingKey': '', 'api': 'a', 'stage': '$default'}]}}"));
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/x", UriKind.Relative));
        request.Headers.Add("Origin", "https://anyone.example");
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "x-one, x-two");

        using var response = await client.SendAsync(request);

        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("PATCH", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("x-one,x-two", Header(response, "Access-Control-Allow-Headers"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        { Api(gatewayResponses: "'corsConfiguration': {'allowOrigins': ['*'], 'allowCredentials': true}"), "apis.a.corsConfiguration.allowCredentials", "allowCredentials needs explicit allowOrigins" },
        { Api(gatewayResponses: "'corsConfiguration': {'allowOrigins': ['localhost:5173']}"), "apis.a.corsConfiguration.allowOrigins", "origin 'localhost:5173' must be *, scheme://host[:port]" },
        { Api(gatewayResponses: "'corsConfiguration': {'allowOrigins': ['https://app.example.com/']}"), "apis.a.corsConfiguration.allowOrigins", "no path, no trailing slash" },
        { Api(gatewayResponses: "'corsConfiguration': {'allowMethods': ['FETCH']}"), "apis.a.corsConfiguration.allowMethods", "method 'FETCH' must be one of" },
        { Api(gatewayResponses: "'corsConfiguration': {'allowHeaders': ['x y']}"), "apis.a.corsConfiguration.allowHeaders", "header name 'x y' must be" },
        { Api(gatewayResponses: "'corsConfiguration': {'maxAge': 86401}"), "apis.a.corsConfiguration.maxAge", "maxAge must be 0 to 86400 seconds; got 86401" },
        { Api(gatewayResponses: "'corsConfiguration': {'allowOrigin': ['*']}"), "apis.a.corsConfiguration.allowOrigin", "unknown property 'allowOrigin'" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_CorsError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);

    [Fact]
    public void LoadText_CorsOnAWebSocketApi_IsAnError()
    {
        var json = Of("{'apis': {'chat': {'protocol': 'WEBSOCKET', 'routeSelectionExpression': '$request.body.action', 'routes': {'$default': {'integration': 'i'}}, "
            + "'integrations': {'i': {'integrationType': 'AWS_PROXY', 'integrationUri': 'http://chat', 'functionName': 'f'}}, 'stages': {'prod': {}}, "
            + "'corsConfiguration': {'allowOrigins': ['*']}}}}");

        var result = DefinitionLoader.LoadText([(FileName, json)]);

        Assert.Contains(result.Errors, e => e.Key == "apis.chat.corsConfiguration" && e.Message.Contains("applies to HTTP and REST APIs", StringComparison.Ordinal));
    }
}
