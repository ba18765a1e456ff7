using Platform.ServiceDefaults.Signing;
using static Platform.ServiceDefaults.Tests.Signing.SigV4TestData;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>The payload hash: x-amz-content-sha256, UNSIGNED-PAYLOAD and the body limit, over Kestrel.</summary>
public sealed class SigV4PayloadTests
{
    private static async Task<SigV4Observation> SendAsync(SigV4TestServer server, HttpRequestMessage request, SigV4Signer signer)
    {
        using var client = new HttpClient { Timeout = TestHost.Timeout };
        await signer.SignAsync(request).WaitAsync(TestHost.Timeout);
        using var response = await client.SendAsync(request).WaitAsync(TestHost.Timeout);
        return server.Single();
    }

    private static HttpRequestMessage Post(SigV4TestServer server, string body) =>
        new(HttpMethod.Post, server.Url(ConnectionPath)) { Content = new StringContent(body) };

    [Fact]
    public async Task ContentSha256Header_SignedBySigner_VerifiedAndSigned()
    {
        await using var server = await SigV4TestServer.StartAsync();
        using var request = Post(server, "hello");

        var seen = await SendAsync(server, request, new SigV4Signer(Credentials, "us-east-1", "execute-api") { AddContentSha256Header = true });

        Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,", seen.Authorization, StringComparison.Ordinal);
        Assert.Equal("hello", seen.Body);
    }

    [Fact]
    public async Task UnsignedPayload_Allowed_VerifiedWhateverTheBody()
    {
        await using var server = await SigV4TestServer.StartAsync(configure: o => o.AllowUnsignedPayload = true);
        using var request = Post(server, "hello");
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");

        await new SigV4Signer(Credentials, "us-east-1", "execute-api").SignAsync(request).WaitAsync(TestHost.Timeout);
        request.Content = new StringContent("HELLO");
        using var client = new HttpClient { Timeout = TestHost.Timeout };
        using var response = await client.SendAsync(request).WaitAsync(TestHost.Timeout);

        var seen = server.Single();
        Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
        Assert.Equal("HELLO", seen.Body);
    }

    [Fact]
    public async Task UnsignedPayload_NotAllowed_Rejected()
    {
        await using var server = await SigV4TestServer.StartAsync();
        using var request = Post(server, "hello");
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");

        var seen = await SendAsync(server, request, new SigV4Signer(Credentials, "us-east-1", "execute-api"));

        Assert.Equal(SigV4ErrorKind.InvalidSignature, seen.Result.Error?.Kind);
    }

    [Fact]
    public async Task Body_OverCallerLimit_PayloadTooLarge413()
    {
        await using var server = await SigV4TestServer.StartAsync(maxPayloadBytes: 131_072);
        using var request = Post(server, new string('x', 131_073));
        using var client = new HttpClient { Timeout = TestHost.Timeout };
        await new SigV4Signer(Credentials, "us-east-1", "execute-api").SignAsync(request).WaitAsync(TestHost.Timeout);

        using var response = await client.SendAsync(request).WaitAsync(TestHost.Timeout);

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(SigV4ErrorKind.PayloadTooLarge, server.Single().Result.Error?.Kind);
    }

    [Fact]
    public async Task Body_AtCallerLimit_Verified()
    {
        await using var server = await SigV4TestServer.StartAsync(maxPayloadBytes: 131_072);
        using var request = Post(server, new string('x', 131_072));

        var seen = await SendAsync(server, request, new SigV4Signer(Credentials, "us-east-1", "execute-api"));

        Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
        Assert.Equal(131_072, seen.Body.Length);
    }
}
