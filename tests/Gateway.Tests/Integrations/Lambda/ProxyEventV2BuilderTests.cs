using Platform.Testing;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Gateway.Pipeline;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class ProxyEventV2BuilderTests
{
    [Fact]
    public void Build_ReferenceRequest_MatchesRecordedEvent()
    {
        var request = new ProxyTestRequest
        {
            StageName = "beta",
            StageVariables = new Dictionary<string, string> { ["k"] = "v" },
            Path = "/beta/api/values",
            Query = "a=1&a=2&b=x",
            Headers = [("Cookie", "c1=v1; c2=v2"), ("Header2", "value1"), ("Header2", "value2"), ("User-Agent", "agent"), ("Content-Type", "application/json")],
            Body = Encoding.UTF8.GetBytes("""{"hello":"world"}"""),
            ExtendedRequestId = "J7jk9g-7oAMEJGw=",
            RequestTime = DateTimeOffset.FromUnixTimeMilliseconds(1585112607686),
        };

        var actual = ProxyEvents.V2(request);

        // No authorizer runs here; the recording lists only some headers, a real request has these too.
        var expected = JsonNode.Parse(ReferencePayloads.HttpApiV2)!.AsObject();
        expected["requestContext"]!.AsObject().Remove("authorizer");
        expected["requestContext"]!["accountId"] = ContextVariables.AccountId;
        expected["requestContext"]!["apiId"] = "id";
        var headers = expected["headers"]!.AsObject();
        headers["host"] = request.Host;
        headers["user-agent"] = "agent";
        headers["content-type"] = "application/json";
        headers["x-forwarded-port"] = "443";
        headers["x-forwarded-proto"] = "https";
        headers["x-amzn-trace-id"] = ProxyEvents.TraceHeader;
        JsonAssert.Equal(expected, actual);
    }

    [Fact]
    public void Build_MinimalReferenceRequest_OmitsAbsentParts()
    {
        var request = new ProxyTestRequest
        {
            RouteKey = "$default",
            Path = "/",
            Headers = [("Accept", "*/*"), ("User-Agent", "curl/8.5.0")],
            RemoteIp = "192.0.2.1",
            ExtendedRequestId = "JKJaXmPLvHcESHA=",
            RequestTime = DateTimeOffset.FromUnixTimeMilliseconds(1583798594584),
        };

        var actual = ProxyEvents.V2(request);

        var expected = JsonNode.Parse(ReferencePayloads.HttpApiV2Minimal)!.AsObject();
        expected["requestContext"]!["accountId"] = ContextVariables.AccountId;
        expected["requestContext"]!["apiId"] = "id";
        var headers = expected["headers"]!.AsObject();
        headers["user-agent"] = "curl/8.5.0";
        headers["x-forwarded-for"] = "192.0.2.1";
        headers["x-forwarded-port"] = "443";
        headers["x-forwarded-proto"] = "https";
        headers["x-amzn-trace-id"] = ProxyEvents.TraceHeader;
        JsonAssert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(new[] { "a=1; b=2" }, """["a=1","b=2"]""")]
    [InlineData(new[] { "a=1", "b=2" }, """["a=1","b=2"]""")]
    [InlineData(new[] { " a=1 ;; b=x=y;" }, """["a=1","b=x=y"]""")]
    public void Build_CookieHeader_SplitIntoCookiesAndRemoved(string[] cookieHeaders, string cookies)
    {
        var @event = ProxyEvents.V2(new ProxyTestRequest { Headers = [.. cookieHeaders.Select(static c => ("Cookie", c))] });

        Assert.Equal(cookies, ProxyEvents.Text(@event, "cookies"));
        Assert.Null(@event["headers"]!["cookie"]);
    }

    [Fact]
    public void Build_RepeatedHeadersAndQueryKeys_JoinedWithComma()
    {
        var @event = ProxyEvents.V2(new ProxyTestRequest
        {
            Headers = [("X-Multi", "a"), ("x-multi", "b c")],
            Query = "a=1&a=2&q=x+y&q=%2C&flag",
        });

        Assert.Equal("a,b c", ProxyEvents.Text(@event, "headers.x-multi"));
        JsonAssert.Equal("""{"a": "1,2", "q": "x y,,", "flag": ""}""", ProxyEvents.Text(@event, "queryStringParameters")!);
        Assert.Equal("a=1&a=2&q=x+y&q=%2C&flag", ProxyEvents.Text(@event, "rawQueryString"));
    }

    [Fact]
    public void Build_NothingOptional_OmitsOptionalKeys()
    {
        var @event = ProxyEvents.V2(new ProxyTestRequest { RouteKey = "GET /", Path = "/" });

        foreach (var key in new[] { "cookies", "queryStringParameters", "pathParameters", "stageVariables", "body" })
        {
            Assert.False(@event.ContainsKey(key), key);
        }

        Assert.Equal("", ProxyEvents.Text(@event, "rawQueryString"));
    }

    [Theory]
    [InlineData("id.execute-api.us-east-1.amazonaws.com", null, "beta", "/beta/items/a%2Fb/", "/beta/items/a%2Fb/", "a/b/")]
    [InlineData("id.execute-api.us-east-1.amazonaws.com", null, "$default", "/items/a%2Fb", "/items/a%2Fb", "a/b")]
    [InlineData("api.example.com", "shop", "beta", "/shop/items/x", "/items/x", "x")]
    public void Build_Paths_RawPathKeepsStageNotMappingKey(string host, string? mappingKey, string stage, string requestPath, string rawPath, string proxy)
    {
        var @event = ProxyEvents.V2(new ProxyTestRequest
        {
            RouteKey = "ANY /items/{proxy+}", Host = host, MappingKey = mappingKey, StageName = stage, Path = requestPath,
        });

        Assert.Equal(rawPath, ProxyEvents.Text(@event, "rawPath"));
        Assert.Equal(rawPath, ProxyEvents.Text(@event, "requestContext.http.path"));
        Assert.Equal(proxy, ProxyEvents.Text(@event, "pathParameters.proxy"));
        Assert.Equal("ANY /items/{proxy+}", ProxyEvents.Text(@event, "routeKey"));
        Assert.Equal("ANY /items/{proxy+}", ProxyEvents.Text(@event, "requestContext.routeKey"));
        Assert.Equal(stage, ProxyEvents.Text(@event, "requestContext.stage"));
    }
}
