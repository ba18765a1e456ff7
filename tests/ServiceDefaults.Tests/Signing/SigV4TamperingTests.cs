using System.Net;
using System.Net.Http.Headers;
using Platform.ServiceDefaults.Signing;
using static Platform.ServiceDefaults.Tests.Signing.SigV4TestData;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>Requests signed by <see cref="SigV4Signer"/>, changed after signing, against the verifier on Kestrel.</summary>
public sealed class SigV4TamperingTests : IAsyncLifetime
{
    private const string Mismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private static readonly DateTimeOffset ServerNow = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private SigV4TestServer _server = null!;

    public async Task InitializeAsync() => _server = await SigV4TestServer.StartAsync(new ManualTimeProvider(ServerNow));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static SigV4Signer Signer(TimeSpan? offset = null, string service = "execute-api", string accessKeyId = AccessKeyId,
        string secret = SecretAccessKey) =>
        new(new SigV4Credentials(accessKeyId, secret), "eu-west-3", service, new ManualTimeProvider(ServerNow + (offset ?? TimeSpan.Zero)));

    private HttpRequestMessage Post(string body = "hello") =>
        new(HttpMethod.Post, _server.Url(ConnectionPath + "?mode=test")) { Content = new StringContent(body) };

    private async Task<(HttpResponseMessage Response, SigV4Observation Seen)> SendAsync(HttpRequestMessage request)
    {
        using var client = new HttpClient { Timeout = TestHost.Timeout };
        var response = await client.SendAsync(request).WaitAsync(TestHost.Timeout);
        return (response, _server.Single());
    }

    private async Task<SigV4Error> SendExpectingFailureAsync(HttpRequestMessage request)
    {
        var (response, seen) = await SendAsync(request);
        using (response)
        {
            Assert.False(seen.Result.Succeeded);
            Assert.Equal(seen.Result.Error.StatusCode, (int)response.StatusCode);
            Assert.Equal(seen.Result.Error.ErrorType, Assert.Single(response.Headers.GetValues(SigV4Error.ErrorTypeHeader)));
            return seen.Result.Error;
        }
    }

    [Fact]
    public async Task Signed_Untouched_VerifiedAndBodyStillReadable()
    {
        using var request = Post();
        await Signer().SignAsync(request).WaitAsync(TestHost.Timeout);

        var (response, seen) = await SendAsync(request);

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
            Assert.Equal("hello", seen.Body);
            Assert.Contains("SignedHeaders=content-type;host;x-amz-date,", seen.Authorization, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("body")]
    [InlineData("method")]
    [InlineData("path")]
    [InlineData("query value")]
    [InlineData("query parameter added")]
    [InlineData("signed header")]
    [InlineData("host")]
    [InlineData("x-amz-date within skew")]
    [InlineData("signature")]
    public async Task Signed_ChangedAfterSigning_SignatureMismatch(string change)
    {
        using var request = Post();
        await Signer().SignAsync(request).WaitAsync(TestHost.Timeout);

        switch (change)
        {
            case "body": request.Content = new StringContent("HELLO"); break;
            case "method": request.Method = HttpMethod.Put; break;
            case "path": request.RequestUri = _server.Url("/chat/@connections/ZyXwVuTsRqPoNmL%3D?mode=test"); break;
            case "query value": request.RequestUri = _server.Url(ConnectionPath + "?mode=prod"); break;
            case "query parameter added": request.RequestUri = _server.Url(ConnectionPath + "?mode=test&extra="); break;
            case "signed header": request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json"); break;
            case "host": request.Headers.Host = $"localhost:{_server.BaseAddress.Port}"; break;
            case "x-amz-date within skew":
                request.Headers.Remove("X-Amz-Date");
                request.Headers.TryAddWithoutValidation("X-Amz-Date", "20300101T120001Z");
                break;
            case "signature":
                var authorization = request.Headers.NonValidated["Authorization"].ToString();
                request.Headers.Remove("Authorization");
                request.Headers.TryAddWithoutValidation("Authorization", authorization[..^1] + (authorization[^1] == '0' ? '1' : '0'));
                break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }

        var error = await SendExpectingFailureAsync(request);

        Assert.Equal(SigV4ErrorKind.InvalidSignature, error.Kind);
        Assert.Equal(Mismatch, error.Message);
    }

    [Fact]
    public async Task Signed_SixMinutesAgo_SignatureExpired()
    {
        using var request = Post();
        await Signer(TimeSpan.FromMinutes(-6)).SignAsync(request).WaitAsync(TestHost.Timeout);

        var error = await SendExpectingFailureAsync(request);

        Assert.Equal(SigV4ErrorKind.SignatureExpired, error.Kind);
        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Equal("Signature expired: 20300101T115400Z is now earlier than 20300101T115500Z (20300101T120000Z - 5 min.)", error.Message);
    }

    [Fact]
    public async Task Signed_SixMinutesAhead_SignatureNotYetCurrent()
    {
        using var request = Post();
        await Signer(TimeSpan.FromMinutes(6)).SignAsync(request).WaitAsync(TestHost.Timeout);

        var error = await SendExpectingFailureAsync(request);

        Assert.Equal(SigV4ErrorKind.SignatureNotYetCurrent, error.Kind);
        Assert.Equal("Signature not yet current: 20300101T120600Z is still later than 20300101T120500Z (20300101T120000Z + 5 min.)", error.Message);
    }

    [Fact]
    public async Task Signed_FourMinutesAgo_WithinSkewVerified()
    {
        using var request = Post();
        await Signer(TimeSpan.FromMinutes(-4)).SignAsync(request).WaitAsync(TestHost.Timeout);

        var (response, seen) = await SendAsync(request);

        using (response)
        {
            Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
        }
    }

    [Fact]
    public async Task Signed_ForAnotherService_InvalidScope()
    {
        using var request = Post();
        await Signer(service: "s3").SignAsync(request).WaitAsync(TestHost.Timeout);

        var error = await SendExpectingFailureAsync(request);

        Assert.Equal(SigV4ErrorKind.InvalidSignature, error.Kind);
        Assert.Equal("Credential should be scoped to correct service: 'execute-api'.", error.Message);
    }

    [Fact]
    public async Task Signed_UnknownAccessKey_UnrecognizedClient()
    {
        using var request = Post();
        await Signer(accessKeyId: "AKIAUNKNOWNKEY000000").SignAsync(request).WaitAsync(TestHost.Timeout);

        var error = await SendExpectingFailureAsync(request);

        Assert.Equal(SigV4ErrorKind.UnrecognizedClient, error.Kind);
        Assert.Equal("UnrecognizedClientException", error.ErrorType);
        Assert.Equal("The security token included in the request is invalid.", error.Message);
    }

    [Fact]
    public async Task Signed_WrongSecret_SignatureMismatch()
    {
        using var request = Post();
        await Signer(secret: "someOtherSecret").SignAsync(request).WaitAsync(TestHost.Timeout);

        var error = await SendExpectingFailureAsync(request);

        Assert.Equal(SigV4ErrorKind.InvalidSignature, error.Kind);
        Assert.Equal(Mismatch, error.Message);
    }

    [Fact]
    public async Task Unsigned_MissingAuthenticationToken_AwsErrorResponse()
    {
        using var request = Post();

        var (response, seen) = await SendAsync(request);

        using (response)
        {
            Assert.Equal(SigV4ErrorKind.MissingAuthenticationToken, seen.Result.Error?.Kind);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("MissingAuthenticationTokenException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
            Assert.Equal("""{"message":"Missing Authentication Token"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestHost.Timeout));
        }
    }
}
