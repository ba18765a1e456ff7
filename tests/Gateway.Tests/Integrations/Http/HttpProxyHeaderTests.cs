using System.Net.Http.Headers;
using Platform.Definitions;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Integrations.Http;

/// <summary>Which headers cross the proxy in each direction, and the X-Forwarded-* the backend gets.</summary>
public sealed class HttpProxyHeaderTests(BackendFixture fixture) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task Request_HopByHopHeaders_NotForwarded()
    {
        await using var harness = await EchoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/echo", UriKind.Relative));
        request.Headers.Connection.Add("X-Drop-Me");
        request.Headers.TryAddWithoutValidation("X-Drop-Me", "named by Connection");
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("Proxy-Connection", "keep-alive");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic Zm9vOmJhcg==");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        request.Headers.TryAddWithoutValidation("Trailer", "X-Checksum");
        request.Headers.TryAddWithoutValidation("X-Kept", "yes");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer token");

        using var response = await harness.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        foreach (var dropped in new[] { "Connection", "X-Drop-Me", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade" })
        {
            Assert.Null(echo.Header(dropped));
        }

        Assert.Equal("yes", echo.Header("X-Kept"));
        Assert.Equal("Bearer token", echo.Header("Authorization"));
    }

    [Fact]
    public async Task Request_Host_IsTheBackends()
    {
        await using var harness = await EchoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/echo", UriKind.Relative));
        request.Headers.Host = "api.example.com";

        using var response = await harness.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        Assert.Equal(fixture.Backend.BaseAddress.Authority, echo.Header("Host"));
    }

    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("203.0.113.7", "203.0.113.7, 127.0.0.1")]
    [InlineData("203.0.113.7, 198.51.100.2", "203.0.113.7, 198.51.100.2, 127.0.0.1")]
    public async Task Request_XForwardedFor_ClientIpAppended(string? sent, string expected)
    {
        await using var harness = await EchoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/echo", UriKind.Relative));
        if (sent is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", sent);
        }

        using var response = await harness.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        Assert.Equal(expected, echo.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task Request_XForwardedProtoAndPort_DescribeClientConnection()
    {
        await using var harness = await EchoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/echo", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Port", "443");

        using var response = await harness.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.Equal(harness.Gateway.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Header("X-Forwarded-Port"));
    }

    [Fact]
    public async Task Request_WithBody_ForwardedWithContentHeaders()
    {
        await using var harness = await EchoAsync();
        using var content = new StringContent("""{"name":"x"}""", new MediaTypeHeaderValue("application/json"));
        content.Headers.ContentLanguage.Add("de");

        using var response = await harness.Client.PostAsync(new Uri("/echo", UriKind.Relative), content).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        Assert.Equal(12, echo.BodyBytes);
        Assert.Equal("12", echo.Header("Content-Length"));
        Assert.StartsWith("application/json", echo.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("de", echo.Header("Content-Language"));
    }

    [Fact]
    public async Task Request_WithoutBody_SentWithoutBody()
    {
        await using var harness = await EchoAsync();

        using var response = await harness.Client.GetAsync(new Uri("/echo", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        Assert.Equal(0, echo.BodyBytes);
        Assert.Null(echo.Header("Content-Length"));
        Assert.Null(echo.Header("Transfer-Encoding"));
    }

    [Fact]
    public async Task Request_PostWithEmptyBody_SentWithContentLengthZero()
    {
        await using var harness = await EchoAsync();
        using var content = new ByteArrayContent([]);

        using var response = await harness.Client.PostAsync(new Uri("/echo", UriKind.Relative), content).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        Assert.Equal("POST", echo.Method);
        Assert.Equal("0", echo.Header("Content-Length"));
        Assert.Null(echo.Header("Transfer-Encoding"));
    }

    [Fact]
    public async Task Response_HopByHopHeaders_Removed()
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Http, "GET /hop", ProxyHarness.Proxy(ProxyHarness.BackendService + "/hop"));

        using var response = await harness.Client.GetAsync(new Uri("/hop", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal("hop", body);
        Assert.Equal(["kept"], response.Headers.GetValues("X-Normal"));
        Assert.Equal(["a=1", "b=2"], response.Headers.GetValues("Set-Cookie"));
        foreach (var dropped in new[] { "X-Remove-Me", "Keep-Alive", "Proxy-Authenticate", "Trailer" })
        {
            Assert.False(response.Headers.Contains(dropped), dropped);
        }

        Assert.DoesNotContain("X-Remove-Me", response.Headers.Connection);
    }

    private Task<ProxyHarness> EchoAsync() => ProxyHarness.StartAsync(
        fixture.Backend, ApiProtocol.Http, "ANY /echo", ProxyHarness.Proxy(ProxyHarness.BackendService + "/echo/headers"));
}
