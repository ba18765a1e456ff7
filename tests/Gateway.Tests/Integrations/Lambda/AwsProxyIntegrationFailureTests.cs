using System.Text;
using Microsoft.Extensions.Logging;
using Platform.Functions;
using Platform.Definitions;
using Platform.Gateway.Responses;
using Platform.Testing;
using Platform.Definitions.Responses;

namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class AwsProxyIntegrationFailureTests(FunctionHostFixture host) : IClassFixture<FunctionHostFixture>
{
    [Theory]
    [InlineData(ApiProtocol.Rest, "1.0")]
    [InlineData(ApiProtocol.Http, "2.0")]
    public async Task InvokeAsync_FunctionThrows_IntegrationFailureLogged(ApiProtocol protocol, string version)
    {
        var request = new ProxyTestRequest { Protocol = protocol, Integration = HandlerRun.Integration("fails", version) };

        var run = await HandlerRun.InvokeAsync(host, request);

        AssertFailure(run, "function 'fails' failed (Unhandled): InvalidOperationException: boom");
        Assert.Equal(200, run.Feature.IntegrationStatus);
        Assert.NotNull(run.Feature.IntegrationLatency);
        var (level, message) = Assert.Single(run.Logs.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains(request.RequestId, message, StringComparison.Ordinal);
        Assert.Contains("fails", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_UnknownFunction_IntegrationFailureWithInvokeStatus()
    {
        var run = await HandlerRun.InvokeAsync(host, new ProxyTestRequest { Integration = HandlerRun.Integration("missing") });

        AssertFailure(run, "invoking function 'missing' answered 404 ResourceNotFoundException: Function not found");
        Assert.Equal(404, run.Feature.IntegrationStatus);
    }

    [Theory]
    [InlineData("1.0", "\"just a string\"", "malformed payload 1.0 response: the response must be a JSON object")]
    [InlineData("1.0", """{"statusCode": 200, "extra": true}""", "malformed payload 1.0 response: unknown key 'extra'")]
    [InlineData("2.0", """{"statusCode": "abc"}""", "malformed payload 2.0 response: statusCode must be")]
    public async Task InvokeAsync_MalformedResponse_IntegrationFailure(string version, string output, string detail)
    {
        var request = new ProxyTestRequest
        {
            Method = "POST", Headers = [("Content-Type", "application/json")], Body = Encoding.UTF8.GetBytes(output),
            Integration = HandlerRun.Integration("raw", version),
        };

        var run = await HandlerRun.InvokeAsync(host, request);

        AssertFailure(run, detail);
        Assert.Equal(200, run.Feature.IntegrationStatus);
    }

    [Fact]
    public async Task InvokeAsync_ResponseOverInvokeLimit_IntegrationFailure()
    {
        var run = await HandlerRun.InvokeAsync(host, new ProxyTestRequest { Integration = HandlerRun.Integration("oversize") });

        AssertFailure(run, $"function 'oversize' returned more than {FunctionInvokeProtocol.MaxPayloadBytes} bytes");
    }

    [Fact]
    public async Task InvokeAsync_FunctionSlowerThanTimeout_IntegrationTimeout()
    {
        var request = new ProxyTestRequest { Query = "wait=timeout", Integration = HandlerRun.Integration("waits", timeoutInMillis: 200) };

        var run = await HandlerRun.InvokeAsync(host, request);

        Assert.Equal(GatewayResponseType.IntegrationTimeout, run.Error?.Type);
        Assert.Equal("function 'waits' did not answer within 200 ms", run.Error?.Detail);
        Assert.Equal(run.Error?.Detail, run.Feature.IntegrationErrorMessage);
        Assert.True(host.Started("timeout").IsCompleted);
        Assert.NotNull(run.Feature.IntegrationLatency);
        Assert.Null(run.Feature.IntegrationStatus);
        Assert.Empty(run.Body);
    }

    [Fact]
    public async Task InvokeAsync_NothingListening_IntegrationFailure()
    {
        var uri = $"http://127.0.0.1:{FreePort.Next()}";
        var request = new ProxyTestRequest { Integration = HandlerRun.Integration("echo-v2", uri: uri) };

        var run = await HandlerRun.InvokeAsync(host, request);

        AssertFailure(run, $"invoking function 'echo-v2' at {uri}/2015-03-31/functions/echo-v2/invocations failed: ");
        Assert.Null(run.Feature.IntegrationStatus);
    }

    [Fact]
    public async Task InvokeAsync_ClientGoesAway_AbortedWithoutResponse()
    {
        using var client = new CancellationTokenSource();
        var request = new ProxyTestRequest { Query = "wait=abort", Integration = HandlerRun.Integration("waits") };

        var running = HandlerRun.InvokeAsync(host, request, client.Token);
        await host.Started("abort").WaitAsync(TestTimeouts.Default);
        await client.CancelAsync().WaitAsync(TestTimeouts.Default);
        var run = await running.WaitAsync(TestTimeouts.Default);

        Assert.Null(run.Error);
        Assert.True(run.Feature.ClientAborted);
        Assert.Null(run.Feature.IntegrationStatus);
        Assert.Empty(run.Body);
        Assert.False(run.Context.Response.HasStarted);
    }

    [Theory]
    [InlineData(ApiProtocol.Rest, "text/plain", FunctionInvokeProtocol.MaxPayloadBytes + 1)]
    [InlineData(ApiProtocol.Http, "application/json", FunctionInvokeProtocol.MaxPayloadBytes + 1)]
    [InlineData(ApiProtocol.Http, "application/octet-stream", 5 * 1024 * 1024)]
    [InlineData(ApiProtocol.Rest, "text/plain", FunctionInvokeProtocol.MaxPayloadBytes - 100)]
    public async Task InvokeAsync_EventOverInvokeLimit_RequestTooLargeWithoutInvoking(ApiProtocol protocol, string contentType, int bodyBytes)
    {
        // The last two bodies fit the limit, their events do not: base64 grows one, the event's envelope the other.
        var body = new byte[bodyBytes];
        Array.Fill(body, (byte)'a');
        var request = new ProxyTestRequest
        {
            Protocol = protocol, Method = "POST", Headers = [("Content-Type", contentType)], Body = body,
            Integration = HandlerRun.Integration("echo-v1", "1.0"),
        };

        var run = await HandlerRun.InvokeAsync(host, request);

        Assert.Equal(GatewayResponseType.RequestTooLarge, run.Error?.Type);
        Assert.Null(run.Feature.IntegrationStatus);
        Assert.Null(run.Feature.IntegrationLatency);
    }

    [Theory]
    [InlineData("${stageVariables.missing}", "function name '${stageVariables.missing}' is empty in stage '$default'")]
    [InlineData("", "function name '' is empty")]
    public async Task InvokeAsync_EmptyFunctionName_IntegrationFailure(string functionName, string detail)
    {
        var run = await HandlerRun.InvokeAsync(host, new ProxyTestRequest { Integration = HandlerRun.Integration(functionName) });

        AssertFailure(run, detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("functions")]
    public async Task InvokeAsync_IntegrationUriNotAbsolute_IntegrationFailure(string? uri)
    {
        var run = await HandlerRun.InvokeAsync(host, new ProxyTestRequest { Integration = HandlerRun.Integration("echo-v2", uri: uri) });

        AssertFailure(run, "is not an absolute URL of the service hosting 'echo-v2'");
    }

    private static void AssertFailure(HandlerRun run, string detail)
    {
        Assert.Equal(GatewayResponseType.IntegrationFailure, run.Error?.Type);
        Assert.Contains(detail, run.Error?.Detail, StringComparison.Ordinal);
        Assert.Equal(run.Error?.Detail, run.Feature.IntegrationErrorMessage);
        Assert.Null(run.Error?.Message);
        Assert.Empty(run.Body);
        Assert.False(run.Feature.ClientAborted);
    }
}
