using Platform.Definitions;
using Platform.Gateway.Integrations.Mock;
using Platform.Gateway.Responses;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Integrations.Http;
using Platform.Definitions.Responses;

namespace Platform.Gateway.Tests.Integrations.Mock;

/// <summary>MOCK answers on real Kestrel: status, headers, and the body as a rendered <c>$context</c> template.</summary>
public sealed class MockIntegrationTests
{
    [Theory]
    [InlineData("HTTP")]
    [InlineData("REST")]
    public async Task Mock_StatusHeadersAndTemplate_Rendered(string protocol)
    {
        var mock = new MockResponseDefinition
        {
            StatusCode = 201,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Mock"] = "yes" },
            Body = """{"id":"$context.requestId","stage":"$context.stage","route":"$context.routeKey","missing":"$context.error.message"}""",
        };
        await using var gateway = await StartAsync(protocol == "REST" ? ApiProtocol.Rest : ApiProtocol.Http, mock);
        using var client = ProxyHarness.CreateClient(gateway.BaseAddress);

        using var response = await client.PostAsync(new Uri("/things", UriKind.Relative), null).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        var request = await gateway.NextCompletedAsync();

        var expectedId = protocol == "REST" ? request.RequestId : request.ExtendedRequestId;
        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal(["yes"], response.Headers.GetValues("X-Mock"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($$"""{"id":"{{expectedId}}","stage":"$default","route":"POST /things","missing":""}""", body);
        Assert.Equal(201, request.IntegrationStatus);
        Assert.Equal(body.Length, request.ResponseLength);
    }

    [Fact]
    public async Task Mock_ContentTypeHeader_KeptInsteadOfJson()
    {
        var mock = new MockResponseDefinition
        {
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = "text/plain" },
            Body = "pong",
        };
        await using var gateway = await StartAsync(ApiProtocol.Http, mock);
        using var client = ProxyHarness.CreateClient(gateway.BaseAddress);

        using var response = await client.PostAsync(new Uri("/things", UriKind.Relative), null).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("pong", body);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(304)]
    public async Task Mock_StatusWithoutContent_NoBodySent(int status)
    {
        await using var gateway = await StartAsync(ApiProtocol.Http, new MockResponseDefinition { StatusCode = status, Body = "ignored" });
        using var client = ProxyHarness.CreateClient(gateway.BaseAddress);

        using var response = await client.PostAsync(new Uri("/things", UriKind.Relative), null).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Default);
        var request = await gateway.NextCompletedAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(body);
        Assert.Equal(0, request.ResponseLength);
    }

    [Fact]
    public async Task Mock_NoMockResponse_EmptyOk()
    {
        await using var gateway = await StartAsync(ApiProtocol.Http, mock: null);
        using var client = ProxyHarness.CreateClient(gateway.BaseAddress);

        using var response = await client.PostAsync(new Uri("/things", UriKind.Relative), null).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(body);
    }

    [Fact]
    public async Task Mock_UnknownTemplateVariable_ApiConfigurationError()
    {
        await using var gateway = await StartAsync(ApiProtocol.Rest, new MockResponseDefinition { Body = "$context.nope" });
        using var client = ProxyHarness.CreateClient(gateway.BaseAddress);

        using var response = await client.PostAsync(new Uri("/things", UriKind.Relative), null).WaitAsync(TestTimeouts.Default);
        var request = await gateway.NextCompletedAsync();

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal(GatewayResponseType.ApiConfigurationError, request.Error?.Type);
        Assert.Contains("$context.nope", request.IntegrationErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mock_Head_HeadersWithoutBody()
    {
        await using var gateway = await StartAsync(ApiProtocol.Http, new MockResponseDefinition { Body = """{"a":1}""" }, "HEAD /things");
        using var client = ProxyHarness.CreateClient(gateway.BaseAddress);

        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("/things", UriKind.Relative));
        using var response = await client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var completed = await gateway.NextCompletedAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(7, response.Content.Headers.ContentLength);
        Assert.Equal(0, completed.ResponseLength);
    }

    private static Task<GatewayHost> StartAsync(ApiProtocol protocol, MockResponseDefinition? mock, string routeKey = "POST /things")
    {
        var integration = new IntegrationDefinition { Name = "mock", Type = IntegrationType.Mock, MockResponse = mock };
        return GatewayHost.StartAsync(TestApis.Gateway(protocol, routeKey, integration), [new MockIntegration()]);
    }
}
