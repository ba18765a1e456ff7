using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Definitions;

namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class AwsProxyIntegrationTests(FunctionHostFixture host) : IClassFixture<FunctionHostFixture>
{
    [Fact]
    public async Task InvokeAsync_RestFunction_WritesMappedResponse()
    {
        var request = new ProxyTestRequest
        {
            Protocol = ApiProtocol.Rest, ApiName = "shop", Host = "shop.execute-api.local", StageName = "prod", Path = "/prod/items/1",
            Query = "x=1", Headers = [("X-Client", "c")], Integration = HandlerRun.Integration("echo-v1", "1.0"),
        };

        var run = await HandlerRun.InvokeAsync(host, request);

        Assert.Null(run.Error);
        Assert.Equal(201, run.Context.Response.StatusCode);
        Assert.Equal("application/json", run.Header("Content-Type"));
        Assert.Equal("echo-v1", run.Header("X-Function"));
        Assert.Equal(["a=1", "b=2"], run.Cookies);
        Assert.Equal(run.Body.Length, run.Context.Response.ContentLength);
        var @event = JsonNode.Parse(run.BodyText)!;
        Assert.Null(@event["version"]);
        Assert.Equal("/items/1", ProxyEvents.Text(@event, "path"));
        Assert.Equal("/prod/items/1", ProxyEvents.Text(@event, "requestContext.path"));
        Assert.Equal("c", ProxyEvents.Text(@event, "headers.X-Client"));
        Assert.Equal("1", ProxyEvents.Text(@event, "queryStringParameters.x"));
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$", ProxyEvents.Text(@event, "headers.X-Amzn-Trace-Id"));
        Assert.Equal(201, run.Feature.IntegrationStatus);
        Assert.NotNull(run.Feature.IntegrationLatency);
        Assert.Null(run.Feature.IntegrationErrorMessage);
        Assert.False(run.Feature.ClientAborted);
    }

    [Fact]
    public async Task InvokeAsync_HttpApiPayloadV2_WritesMappedResponse()
    {
        var request = new ProxyTestRequest
        {
            Method = "POST", Path = "/orders", Headers = [("Content-Type", "application/json"), ("Cookie", "s=1; t=2")],
            Body = Encoding.UTF8.GetBytes("""{"item":"book"}"""), Integration = HandlerRun.Integration("echo-v2"),
        };

        var run = await HandlerRun.InvokeAsync(host, request);

        Assert.Null(run.Error);
        Assert.Equal(200, run.Context.Response.StatusCode);
        Assert.Equal("echo-v2", run.Header("x-function"));
        Assert.Equal(["a=1; Path=/", "b=2"], run.Cookies);
        var @event = JsonNode.Parse(run.BodyText)!;
        Assert.Equal("2.0", ProxyEvents.Text(@event, "version"));
        Assert.Equal("""{"item":"book"}""", ProxyEvents.Text(@event, "body"));
        Assert.Equal("""["s=1","t=2"]""", ProxyEvents.Text(@event, "cookies"));
        Assert.Equal(200, run.Feature.IntegrationStatus);
    }

    [Theory]
    [InlineData(ApiProtocol.Http, "1.0", "1.0")]
    [InlineData(ApiProtocol.Rest, "2.0", null)]
    public async Task InvokeAsync_PayloadFormatVersion_ChoosesEventFormat(ApiProtocol protocol, string configured, string? sent)
    {
        // REST APIs only know payload 1.0, whatever the integration says.
        var request = new ProxyTestRequest { Protocol = protocol, Integration = HandlerRun.Integration("echo-v1", configured) };

        var run = await HandlerRun.InvokeAsync(host, request);

        Assert.Null(run.Error);
        Assert.Equal(sent, ProxyEvents.Text(JsonNode.Parse(run.BodyText), "version"));
    }

    [Fact]
    public async Task InvokeAsync_CurrentActivity_TraceHeaderCarriesItsTraceId()
    {
        var traceId = ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736");
        using var activity = new Activity("gateway request").SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();

        var run = await HandlerRun.InvokeAsync(host, new ProxyTestRequest { Integration = HandlerRun.Integration("echo-v2") });

        Assert.Equal("Root=1-4bf92f35-77b34da6a3ce929d0e0e4736", ProxyEvents.Text(JsonNode.Parse(run.BodyText), "headers.x-amzn-trace-id"));
    }

    [Fact]
    public async Task InvokeAsync_StageVariableFunctionName_InvokesSubstitutedFunction()
    {
        var request = new ProxyTestRequest
        {
            StageName = "beta", Path = "/beta/x", StageVariables = new Dictionary<string, string> { ["fn"] = "echo" },
            Integration = HandlerRun.Integration("${stageVariables.fn}-v2"),
        };

        var run = await HandlerRun.InvokeAsync(host, request);

        Assert.Null(run.Error);
        Assert.Equal("echo-v2", run.Header("x-function"));
    }

    [Theory]
    [InlineData("2.0", "\"Hello\"", 200, "application/json", "Hello")]
    [InlineData("2.0", """{"hello": "world"}""", 200, "application/json", """{"hello":"world"}""")]
    [InlineData("2.0", """{"statusCode": 418, "body": "teapot"}""", 418, "text/plain; charset=utf-8", "teapot")]
    [InlineData("2.0", """{"statusCode": "201", "headers": {"content-type": "text/csv"}, "body": "a,b"}""", 201, "text/csv", "a,b")]
    [InlineData("1.0", """{"statusCode": "202", "body": "x"}""", 202, "application/json", "x")]
    [InlineData("1.0", """{"body": "aGk=", "isBase64Encoded": true, "headers": {"Content-Type": "text/plain"}}""", 200, "text/plain", "hi")]
    public async Task InvokeAsync_FunctionOutput_MappedPerPayloadVersion(string version, string output, int status, string contentType, string body)
    {
        var request = new ProxyTestRequest
        {
            Method = "POST", Headers = [("Content-Type", "application/json")], Body = Encoding.UTF8.GetBytes(output),
            Integration = HandlerRun.Integration("raw", version),
        };

        var run = await HandlerRun.InvokeAsync(host, request);

        Assert.Null(run.Error);
        Assert.Equal(status, run.Context.Response.StatusCode);
        Assert.Equal(contentType, run.Header("Content-Type"));
        Assert.Equal(body, run.BodyText);
        Assert.Equal(status, run.Feature.IntegrationStatus);
    }

    [Fact]
    public async Task InvokeAsync_HeadRequest_HeadersWithoutBody()
    {
        var request = new ProxyTestRequest { Method = "HEAD", Integration = HandlerRun.Integration("echo-v2") };

        var run = await HandlerRun.InvokeAsync(host, request);

        Assert.Null(run.Error);
        Assert.Equal(200, run.Context.Response.StatusCode);
        Assert.True(run.Context.Response.ContentLength > 0);
        Assert.Empty(run.Body);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(304)]
    public async Task InvokeAsync_StatusWithoutBody_BodyDropped(int status)
    {
        var output = $$"""{"statusCode": {{status}}, "body": "ignored"}""";
        var request = new ProxyTestRequest
        {
            Method = "POST", Headers = [("Content-Type", "application/json")], Body = Encoding.UTF8.GetBytes(output),
            Integration = HandlerRun.Integration("raw"),
        };

        var run = await HandlerRun.InvokeAsync(host, request);

        Assert.Null(run.Error);
        Assert.Equal(status, run.Context.Response.StatusCode);
        Assert.Null(run.Context.Response.ContentLength);
        Assert.Empty(run.Body);
    }
}
