using Platform.Definitions;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Gateway.Tests.Integrations.Http;

/// <summary>Timeouts, unreachable and misbehaving backends, clients that leave, and bodies over the limit.</summary>
public sealed class HttpProxyFailureTests(BackendFixture fixture) : IClassFixture<BackendFixture>
{
    [Theory]
    [InlineData("REST", 504, """{"message": "Endpoint request timed out"}""")]
    [InlineData("HTTP", 503, """{"message":"Service Unavailable"}""")]
    public async Task Timeout_NoHeadersInTime_GatewayTimeoutResponseAndBackendCancelled(string protocol, int status, string body)
    {
        var tag = Guid.NewGuid().ToString("N");
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, Protocol(protocol), "GET /slow/{ms}", ProxyHarness.Proxy(ProxyHarness.BackendService + "/delay/{ms}", timeoutInMillis: 500));
        await WarmUpAsync(harness, "/slow/0");

        using var response = await harness.Client.GetAsync(new Uri("/slow/20000?tag=" + tag, UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        var request = await harness.Gateway.NextCompletedAsync();
        var counts = await fixture.Backend.WaitForRequestCountsAsync(tag, c => c.Aborted == 1);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(body, text);
        Assert.Equal("no response headers within 500 ms", request.IntegrationErrorMessage);
        Assert.Null(request.IntegrationStatus);
        Assert.False(request.ClientAborted);
        Assert.True(request.IntegrationLatency >= TimeSpan.FromMilliseconds(450), $"latency {request.IntegrationLatency}");
        Assert.Equal(new RequestCounts(1, 1), counts);
    }

    [Fact]
    public async Task Timeout_HeadersInTimeBodyLate_BodyNotBoundByTimeout()
    {
        // The backend sends its headers at once and its body 3 s later; the 1 s timeout bounds the headers only.
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Http, "GET /late/{ms}", ProxyHarness.Proxy(ProxyHarness.BackendService + "/slow-body/{ms}", timeoutInMillis: 1000));
        await WarmUpAsync(harness, "/late/0");

        using var response = await harness.Client.GetAsync(new Uri("/late/3000", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        var request = await harness.Gateway.NextCompletedAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("late", text);
        Assert.Null(request.IntegrationErrorMessage);
        Assert.True(request.IntegrationLatency < TimeSpan.FromSeconds(1), $"latency {request.IntegrationLatency}");
    }

    [Theory]
    [InlineData("REST", 502, """{"message": "Internal server error"}""")]
    [InlineData("HTTP", 500, """{"message":"Internal Server Error"}""")]
    public async Task Unreachable_ConnectionRefused_IntegrationFailureResponse(string protocol, int status, string body)
    {
        var closedPort = FreePort.Next();
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, Protocol(protocol), "GET /x", ProxyHarness.Proxy($"http://127.0.0.1:{closedPort}/x"));

        using var response = await harness.Client.GetAsync(new Uri("/x", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        var request = await harness.Gateway.NextCompletedAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(body, text);
        Assert.False(string.IsNullOrEmpty(request.IntegrationErrorMessage));
        Assert.Null(request.IntegrationStatus);
    }

    [Fact]
    public async Task Reset_BackendDropsConnectionBeforeHeaders_IntegrationFailureResponse()
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Rest, "GET /reset", ProxyHarness.Proxy(ProxyHarness.BackendService + "/reset"));

        using var response = await harness.Client.GetAsync(new Uri("/reset", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("""{"message": "Internal server error"}""", text);
    }

    [Fact]
    public async Task Truncated_BackendFailsAfterResponseStarted_ClientConnectionAborted()
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Http, "GET /truncate", ProxyHarness.Proxy(ProxyHarness.BackendService + "/truncate"));

        using var response = await harness.Client.GetAsync(new Uri("/truncate", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).WaitAsync(TestTimeouts.Default);
        await using var body = await response.Content.ReadAsStreamAsync().WaitAsync(TestTimeouts.Default);
        var failure = await Record.ExceptionAsync(() => Pattern.HashAsync(body, new byte[Pattern.ChunkSize]).WaitAsync(TestTimeouts.Default));
        var request = await harness.Gateway.NextCompletedAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(failure is IOException or HttpRequestException, $"expected a broken response, got {failure?.GetType().Name ?? "a complete one"}");
        Assert.Equal(200, request.IntegrationStatus);
        Assert.Equal(64 * 1024, request.ResponseLength);
        Assert.False(string.IsNullOrEmpty(request.IntegrationErrorMessage));
        Assert.False(request.ClientAborted);
    }

    [Fact]
    public async Task ClientAbort_WhileBackendWaits_BackendCancelledAndNotAnError()
    {
        var tag = Guid.NewGuid().ToString("N");
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Http, "GET /delay/{ms}", ProxyHarness.Proxy(ProxyHarness.BackendService + "/delay/{ms}"));
        using var cancel = new CancellationTokenSource();

        var call = harness.Client.GetAsync(new Uri($"/delay/60000?tag={tag}", UriKind.Relative), cancel.Token);
        await fixture.Backend.WaitForRequestCountsAsync(tag, c => c.Started == 1);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Default));
        var counts = await fixture.Backend.WaitForRequestCountsAsync(tag, c => c.Aborted == 1);
        var request = await harness.Gateway.NextCompletedAsync();

        Assert.Equal(new RequestCounts(1, 1), counts);
        Assert.True(request.ClientAborted);
        Assert.Null(request.IntegrationErrorMessage);
        Assert.Null(request.IntegrationStatus);
        Assert.Null(request.Error);
    }

    [Fact]
    public async Task RequestTooLarge_ContentLengthOverLimit_413BeforeBodyIsSent()
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Http, "POST /upload", ProxyHarness.Proxy(ProxyHarness.BackendService + "/upload"),
            maxRequestBodySize: 64 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/upload", UriKind.Relative))
        {
            Content = new PatternContent(1024 * 1024),
        };

        // Expect: 100-continue lets the gateway refuse before the client sends the body, as a well-behaved uploader would.
        request.Headers.ExpectContinue = true;

        using var response = await harness.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        var completed = await harness.Gateway.NextCompletedAsync();

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("""{"message":"Request Entity Too Large"}""", text);
        Assert.Equal(Platform.Definitions.Responses.GatewayResponseType.RequestTooLarge, completed.Error?.Type);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(204)]
    [InlineData(302)]
    [InlineData(304)]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Status_BackendStatus_PassedThrough(int status)
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Rest, "GET /status/{code}", ProxyHarness.Proxy(ProxyHarness.BackendService + "/status/{code}"));

        using var response = await harness.Client.GetAsync(new Uri($"/status/{status}", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        var request = await harness.Gateway.NextCompletedAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(status is 204 or 304 ? "" : $"status {status}", text);
        Assert.Equal(status, request.IntegrationStatus);
        Assert.Null(request.Error);
        if (status == 302)
        {
            Assert.Equal("/elsewhere", response.Headers.Location?.OriginalString);
        }
    }

    /// <summary>
    /// One fast request through the whole path first, so that JIT compilation and connection set-up on a loaded
    /// machine do not count against the short integration timeouts these tests use.
    /// </summary>
    private static async Task WarmUpAsync(ProxyHarness harness, string path)
    {
        using var response = await harness.Client.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        Assert.Equal(200, (int)response.StatusCode);
        await harness.Gateway.NextCompletedAsync();
    }

    private static ApiProtocol Protocol(string name) => name == "REST" ? ApiProtocol.Rest : ApiProtocol.Http;
}
