using Platform.Testing;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class ProxyEventV1BuilderTests
{
    [Fact]
    public void Build_RestReferenceRequest_MatchesRecordedEvent()
    {
        var request = new ProxyTestRequest
        {
            Protocol = ApiProtocol.Rest,
            ApiName = "1234567890",
            StageName = "stage",
            Host = "1234567890.execute-api.us-east-1.amazonaws.com",
            Path = "/stage/proxy-value",
            Headers = [("Accept", "*/*"), ("User-Agent", "curl/8.5.0")],
            ExtendedRequestId = "Xy1AbC=",
        };

        var actual = ProxyEvents.V1(request);

        // The recording's account, trace id and resource id belong to its AWS account; a real request also carries Host and User-Agent.
        var expected = JsonNode.Parse(ReferencePayloads.RestV1)!.AsObject();
        expected["requestContext"]!["accountId"] = ContextVariables.AccountId;
        expected["requestContext"]!["resourceId"] = actual["requestContext"]!["resourceId"]!.GetValue<string>();
        ProxyEvents.SetHeaderV1(expected, "X-Amzn-Trace-Id", ProxyEvents.TraceHeader);
        ProxyEvents.SetHeaderV1(expected, "Host", request.Host);
        ProxyEvents.SetHeaderV1(expected, "User-Agent", "curl/8.5.0");
        JsonAssert.Equal(expected, actual);
    }

    [Fact]
    public void Build_HttpApiReferenceRequest_MatchesRecordedEvent()
    {
        var request = new ProxyTestRequest
        {
            RouteKey = "POST /orders",
            StageName = "beta",
            StageVariables = new Dictionary<string, string> { ["env"] = "beta" },
            Method = "POST",
            Path = "/beta/orders",
            Query = "a=1&a=2",
            Headers = [("Content-Type", "application/json"), ("User-Agent", "agent"), ("Content-Length", "15")],
            Body = Encoding.UTF8.GetBytes("""{"item":"book"}"""),
            RemoteIp = "192.0.2.1",
            ExtendedRequestId = "id=",
        };

        var actual = ProxyEvents.V1(request);

        // No authorizer runs here; HTTP APIs use one short id as requestId and extendedRequestId; the gateway adds the
        // forwarding headers (the recording lists only some headers) and drops Content-Length.
        var expected = JsonNode.Parse(ReferencePayloads.HttpApiV1WithJwt)!.AsObject();
        var context = expected["requestContext"]!.AsObject();
        context.Remove("authorizer");
        context["accountId"] = ContextVariables.AccountId;
        context["apiId"] = "id";
        context["extendedRequestId"] = "id=";
        context["resourceId"] = actual["requestContext"]!["resourceId"]!.GetValue<string>();
        foreach (var (name, value) in new[]
                 {
                     ("host", request.Host), ("user-agent", "agent"), ("x-forwarded-for", "192.0.2.1"), ("x-forwarded-port", "443"),
                     ("x-forwarded-proto", "https"), ("x-amzn-trace-id", ProxyEvents.TraceHeader),
                 })
        {
            ProxyEvents.SetHeaderV1(expected, name, value);
        }

        JsonAssert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(ApiProtocol.Rest, null, "X-Custom-Header", "accept")]
    [InlineData(ApiProtocol.Http, "1.0", "x-custom-header", "accept")]
    public void Build_Protocol_VersionAndHeaderSpelling(ApiProtocol protocol, string? version, string customName, string acceptName)
    {
        // REST keeps the client's spelling, lower case included; HTTP APIs lowercase every name.
        var @event = ProxyEvents.V1(new ProxyTestRequest { Protocol = protocol, Headers = [("X-Custom-Header", "v"), ("accept", "*/*")] });

        Assert.Equal(version, ProxyEvents.Text(@event, "version"));
        Assert.Equal("v", ProxyEvents.Text(@event, "headers." + customName));
        Assert.Equal("*/*", ProxyEvents.Text(@event, "headers." + acceptName));
    }

    [Theory]
    [InlineData(ApiProtocol.Rest)]
    [InlineData(ApiProtocol.Http)]
    public void Build_RepeatedHeaderAndQueryKey_SingleMapLastMultiMapAll(ApiProtocol protocol)
    {
        var @event = ProxyEvents.V1(new ProxyTestRequest
        {
            Protocol = protocol,
            Headers = [("x-repeated", "a"), ("x-repeated", "b"), ("x-repeated", "c")],
            Query = "tag=a&tag=b&tag=c&empty=&plus=a+b&enc=%2F%20x",
        });

        Assert.Equal("c", ProxyEvents.Text(@event, "headers.x-repeated"));
        Assert.Equal("""["a","b","c"]""", ProxyEvents.Text(@event, "multiValueHeaders.x-repeated"));
        JsonAssert.Equal("""{"tag": "c", "empty": "", "plus": "a b", "enc": "/ x"}""", ProxyEvents.Text(@event, "queryStringParameters")!);
        JsonAssert.Equal("""{"tag": ["a", "b", "c"], "empty": [""], "plus": ["a b"], "enc": ["/ x"]}""",
            ProxyEvents.Text(@event, "multiValueQueryStringParameters")!);
    }

    [Fact]
    public void Build_NoQueryBodyOrVariables_NullsWhereAwsPutsThem()
    {
        var @event = ProxyEvents.V1(new ProxyTestRequest { Protocol = ApiProtocol.Rest, RouteKey = "GET /", Path = "/" });

        foreach (var key in new[] { "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables", "body" })
        {
            Assert.True(@event.ContainsKey(key), key);
            Assert.Null(@event[key]);
        }

        Assert.False(@event["isBase64Encoded"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(ApiProtocol.Rest, "/items/a%2Fb", "a%2Fb", "/items/a%2Fb")]
    [InlineData(ApiProtocol.Http, "/items/a%2Fb", "a/b", "/items/a%2Fb")]
    [InlineData(ApiProtocol.Rest, "/items/x/y/", "x/y", "/items/x/y/")]
    [InlineData(ApiProtocol.Http, "/items/x/y/", "x/y/", "/items/x/y/")]
    public void Build_PathParameters_DecodedAndTrailingSlashPerProtocol(ApiProtocol protocol, string path, string proxy, string eventPath)
    {
        var @event = ProxyEvents.V1(new ProxyTestRequest { Protocol = protocol, RouteKey = "ANY /items/{proxy+}", Path = path });

        Assert.Equal(proxy, ProxyEvents.Text(@event, "pathParameters.proxy"));
        Assert.Equal(eventPath, ProxyEvents.Text(@event, "path"));
        Assert.Equal("/items/{proxy+}", ProxyEvents.Text(@event, "resource"));
    }

    [Theory]
    [InlineData("id.execute-api.us-east-1.amazonaws.com", null, "/beta/orders/1", "/orders/1", "/beta/orders/1")]
    [InlineData("api.example.com", "", "/orders/1", "/orders/1", "/orders/1")]
    [InlineData("api.example.com", "shop", "/shop/orders/1", "/shop/orders/1", "/shop/orders/1")]
    public void Build_StageOrCustomDomain_PathsAsAws(string host, string? mappingKey, string requestPath, string path, string contextPath)
    {
        var @event = ProxyEvents.V1(new ProxyTestRequest
        {
            Protocol = ApiProtocol.Rest, RouteKey = "GET /orders/{id}", StageName = "beta", Host = host, MappingKey = mappingKey, Path = requestPath,
        });

        Assert.Equal(path, ProxyEvents.Text(@event, "path"));
        Assert.Equal(contextPath, ProxyEvents.Text(@event, "requestContext.path"));
        Assert.Equal("beta", ProxyEvents.Text(@event, "requestContext.stage"));
        Assert.Equal(host, ProxyEvents.Text(@event, "requestContext.domainName"));
        Assert.Equal(host.Split('.')[0], ProxyEvents.Text(@event, "requestContext.domainPrefix"));
    }

    [Fact]
    public void Build_DefaultRoute_ResourceIsDefault()
    {
        var @event = ProxyEvents.V1(new ProxyTestRequest { RouteKey = "$default", Path = "/anything" });

        Assert.Equal("$default", ProxyEvents.Text(@event, "resource"));
        Assert.Equal("$default", ProxyEvents.Text(@event, "requestContext.resourcePath"));
    }

    [Fact]
    public void Build_ResourceId_StablePerResourceAndDistinctAcrossResources()
    {
        string IdOf(string routeKey, string method, string path) =>
            ProxyEvents.Text(ProxyEvents.V1(new ProxyTestRequest { Protocol = ApiProtocol.Rest, RouteKey = routeKey, Method = method, Path = path }),
                "requestContext.resourceId")!;

        var get = IdOf("GET /pets/{id}", "GET", "/pets/1");
        var post = IdOf("POST /pets/{id}", "POST", "/pets/2");
        var other = IdOf("GET /owners/{id}", "GET", "/owners/1");

        Assert.Matches("^[a-z0-9]{6}$", get);
        Assert.Equal(get, post);
        Assert.NotEqual(get, other);
    }

    [Fact]
    public void Build_RequestContext_IdentityAndTimes()
    {
        var @event = ProxyEvents.V1(new ProxyTestRequest { Protocol = ApiProtocol.Rest, RemoteIp = "::ffff:10.1.2.3", Method = "DELETE" });

        Assert.Equal("10.1.2.3", ProxyEvents.Text(@event, "requestContext.identity.sourceIp"));
        Assert.Null(@event["requestContext"]!["identity"]!["userAgent"]);
        Assert.Null(@event["requestContext"]!["identity"]!["apiKey"]);
        Assert.Equal("DELETE", ProxyEvents.Text(@event, "requestContext.httpMethod"));
        Assert.Equal("HTTP/1.1", ProxyEvents.Text(@event, "requestContext.protocol"));
        Assert.Equal("04/Mar/2020:19:15:17 +0000", ProxyEvents.Text(@event, "requestContext.requestTime"));
        Assert.Equal("1583349317135", ProxyEvents.Text(@event, "requestContext.requestTimeEpoch"));
        Assert.Equal("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", ProxyEvents.Text(@event, "requestContext.requestId"));
    }
}
