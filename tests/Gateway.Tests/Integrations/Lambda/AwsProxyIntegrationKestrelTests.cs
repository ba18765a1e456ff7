using System.Net;
using System.Text;
using Platform.Definitions;

namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>The handler behind a real Kestrel server: what a client receives on the wire.</summary>
public sealed class AwsProxyIntegrationKestrelTests(FunctionHostFixture functions) : IClassFixture<FunctionHostFixture>
{
    [Fact]
    public async Task Serve_BinaryResponseWithCookies_ClientReceivesBytesAndSetCookieLines()
    {
        await using var gateway = await GatewayHost.StartAsync(functions);
        using var request = GatewayHost.Request(HttpMethod.Post, "raw");
        request.Content = new StringContent("""
            {"statusCode": 201, "cookies": ["a=1; Path=/", "b=2; HttpOnly"], "isBase64Encoded": true, "body": "AAEC/w==",
             "headers": {"content-type": "application/octet-stream", "x-multi": "v1,v2", "transfer-encoding": "chunked"}}
            """, Encoding.UTF8, "application/json");

        using var response = await gateway.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["a=1; Path=/", "b=2; HttpOnly"], response.Headers.GetValues("Set-Cookie"));
        Assert.Equal("v1,v2", string.Join(',', response.Headers.GetValues("x-multi")));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, response.Content.Headers.ContentLength);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, body);
    }

    [Fact]
    public async Task Serve_HeadRequest_ContentLengthWithoutBody()
    {
        await using var gateway = await GatewayHost.StartAsync(functions);
        using var request = GatewayHost.Request(HttpMethod.Head, "echo-v2");

        using var response = await gateway.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 0);
        Assert.Empty(body);
    }

    [Theory]
    [InlineData(ApiProtocol.Rest, "1.0", HttpStatusCode.BadGateway, """{"message": "Internal server error"}""")]
    [InlineData(ApiProtocol.Http, "2.0", HttpStatusCode.InternalServerError, """{"message":"Internal Server Error"}""")]
    public async Task Serve_FunctionError_AnsweredFromGatewayResponseTable(ApiProtocol protocol, string version, HttpStatusCode status, string message)
    {
        await using var gateway = await GatewayHost.StartAsync(functions);
        using var request = GatewayHost.Request(HttpMethod.Get, "fails", protocol, version);

        using var response = await gateway.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Serve_BodyOverServerCap_RequestTooLarge(bool declaredLength)
    {
        await using var gateway = await GatewayHost.StartAsync(functions, maxRequestBodySize: 1024);
        using var request = GatewayHost.Request(HttpMethod.Post, "echo-v2");
        var bytes = new byte[4096];
        request.Content = declaredLength ? new ByteArrayContent(bytes) : new StreamContent(new MemoryStream(bytes));
        request.Headers.TransferEncodingChunked = !declaredLength;

        using var response = await gateway.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("""{"message":"Request Entity Too Large"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }
}
