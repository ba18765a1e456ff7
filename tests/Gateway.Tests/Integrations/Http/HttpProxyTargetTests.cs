using Platform.Definitions;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Integrations.Http;

/// <summary>The URL the backend receives, end to end through a real backend process (which reports its raw request target).</summary>
public sealed class HttpProxyTargetTests(BackendFixture fixture) : IClassFixture<BackendFixture>
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };
    private static readonly Dictionary<string, string> StageVariables = new(StringComparer.Ordinal) { ["version"] = "v2" };

    [Theory]
    [InlineData("HTTP", "GET /items/{id}", "/echo/items/{id}", "/items/42", "/echo/items/42", "")]
    [InlineData("HTTP", "GET /items/{id}", "/echo/items/{id}", "/items/a%20b%2Fc", "/echo/items/a%20b%2Fc", "")]
    [InlineData("HTTP", "GET /items/{id}", "/echo/items/{id}/end", "/items/%2E%2E", "/echo/items/%2E%2E/end", "")]
    [InlineData("REST", "GET /items/{id}", "/echo/items/{id}", "/items/a%20b", "/echo/items/a%20b", "")]
    [InlineData("HTTP", "ANY /files/{proxy+}", "/echo/f/{proxy}", "/files/a/b%20c/d", "/echo/f/a/b%20c/d", "")]
    [InlineData("HTTP", "GET /v/{id}", "/echo/${stageVariables.version}/{id}", "/v/7", "/echo/v2/7", "")]
    [InlineData("HTTP", "$default", "/echo/base", "/any/where?x=1", "/echo/base/any/where", "?x=1")]
    [InlineData("HTTP", "GET /q", "/echo/q?fixed=1", "/q?a=1&b=%26&a=2", "/echo/q", "?fixed=1&a=1&b=%26&a=2")]
    public async Task Proxy_RouteAndUri_BackendGetsSubstitutedTarget(
        string protocol, string routeKey, string uriPath, string requestTarget, string expectedPath, string expectedQuery)
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, protocol == "REST" ? ApiProtocol.Rest : ApiProtocol.Http, routeKey,
            ProxyHarness.Proxy(ProxyHarness.BackendService + uriPath), StageVariables);

        // Sent verbatim: the client's own Uri would otherwise turn %2E%2E into .. and collapse it.
        var target = new Uri(harness.Gateway.BaseAddress.ToString().TrimEnd('/') + requestTarget, in Verbatim);
        using var response = await harness.Client.GetAsync(target).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        Assert.Equal(expectedPath, echo.Path);
        Assert.Equal(expectedQuery, echo.Query);
    }

    [Fact]
    public async Task Proxy_RealHostInUri_UsedWithoutDiscovery()
    {
        var uri = $"{fixture.Backend.BaseAddress}echo/direct/{{id}}";
        await using var harness = await ProxyHarness.StartAsync(fixture.Backend, ApiProtocol.Http, "GET /d/{id}", ProxyHarness.Proxy(uri));

        using var response = await harness.Client.GetAsync(new Uri("/d/1", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        Assert.Equal("/echo/direct/1", echo.Path);
        Assert.Equal(fixture.Backend.BaseAddress.Authority, echo.Header("Host"));
    }

    [Theory]
    [InlineData(null, "DELETE", "DELETE")]
    [InlineData("ANY", "PUT", "PUT")]
    [InlineData("POST", "GET", "POST")]
    public async Task Proxy_IntegrationMethod_ChoosesBackendMethod(string? integrationMethod, string clientMethod, string expected)
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Http, "ANY /m", ProxyHarness.Proxy(ProxyHarness.BackendService + "/echo/m", method: integrationMethod));

        using var request = new HttpRequestMessage(new HttpMethod(clientMethod), new Uri("/m", UriKind.Relative));
        using var response = await harness.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var echo = await EchoReport.ReadAsync(response);

        Assert.Equal(expected, echo.Method);
    }

    [Fact]
    public async Task Proxy_InvalidExpandedUri_ApiConfigurationError()
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Rest, "GET /x", ProxyHarness.Proxy("${stageVariables.missing}/x"));

        using var response = await harness.Client.GetAsync(new Uri("/x", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        var request = await harness.Gateway.NextCompletedAsync();

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Contains("is not an absolute http(s) URL", request.IntegrationErrorMessage, StringComparison.Ordinal);
    }
}
