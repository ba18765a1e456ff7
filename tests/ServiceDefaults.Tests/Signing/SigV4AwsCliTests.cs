using Platform.ServiceDefaults.Signing;
using static Platform.ServiceDefaults.Tests.Signing.SigV4TestData;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>
/// The unmodified AWS CLI (botocore) signs <c>@connections</c> calls against a real Kestrel host running the
/// verifier: the interoperability the WebSocket hub depends on.
/// </summary>
public sealed class SigV4AwsCliTests : IAsyncLifetime
{
    private SigV4TestServer _server = null!;

    public async Task InitializeAsync() => _server = await SigV4TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Uri Chat => _server.Url("/chat");

    [Fact]
    public async Task PostToConnection_SignedByCli_VerifiedWithRawPathAndBody()
    {
        var cli = await AwsCli.ManageConnectionAsync("post-to-connection", Chat, AccessKeyId, SecretAccessKey, data: "hello");

        Assert.True(cli.ExitCode == 0, cli.StandardError);
        var seen = _server.Single();
        Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
        Assert.Equal(AccessKeyId, seen.Result.AccessKeyId);
        Assert.Equal("POST", seen.Method);
        Assert.Equal(ConnectionPath, seen.RawTarget);
        Assert.Equal("/chat/@connections/AbCdEfGhIjKlMnO=", seen.Path);
        Assert.Equal("hello", seen.Body);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={AccessKeyId}/", seen.Authorization, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=", seen.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConnection_SignedByCli_VerifiedAndAnswerParsed()
    {
        var cli = await AwsCli.ManageConnectionAsync("get-connection", Chat, AccessKeyId, SecretAccessKey);

        Assert.True(cli.ExitCode == 0, cli.StandardError);
        Assert.Contains("\"SourceIp\": \"127.0.0.1\"", cli.StandardOutput, StringComparison.Ordinal);
        var seen = _server.Single();
        Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
        Assert.Equal("GET", seen.Method);
        Assert.Equal(ConnectionPath, seen.RawTarget);
        Assert.Equal("", seen.Body);
    }

    [Fact]
    public async Task DeleteConnection_SignedByCli_Verified()
    {
        var cli = await AwsCli.ManageConnectionAsync("delete-connection", Chat, AccessKeyId, SecretAccessKey);

        Assert.True(cli.ExitCode == 0, cli.StandardError);
        var seen = _server.Single();
        Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
        Assert.Equal("DELETE", seen.Method);
        Assert.Equal(ConnectionPath, seen.RawTarget);
    }

    [Fact]
    public async Task PostToConnection_ServerHasAnotherSecret_CliFailsWithInvalidSignature()
    {
        var endpoint = _server.Url(SigV4TestServer.WrongSecretBase);

        var cli = await AwsCli.ManageConnectionAsync("post-to-connection", endpoint, AccessKeyId, SecretAccessKey, data: "hello");

        Assert.NotEqual(0, cli.ExitCode);
        // The CLI read our error type header and message: the response is AWS-shaped.
        Assert.Contains("(InvalidSignatureException)", cli.StandardError, StringComparison.Ordinal);
        Assert.Contains("The request signature we calculated does not match", cli.StandardError, StringComparison.Ordinal);
        var seen = _server.Single();
        Assert.Equal(SigV4ErrorKind.InvalidSignature, seen.Result.Error?.Kind);
        Assert.Equal("/wrong/@connections/AbCdEfGhIjKlMnO%3D", seen.RawTarget);
    }

    [Fact]
    public async Task PostToConnection_UnknownAccessKey_CliFailsWithUnrecognizedClient()
    {
        var cli = await AwsCli.ManageConnectionAsync("post-to-connection", Chat, "AKIAUNKNOWNKEY000000", SecretAccessKey, data: "hello");

        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains("(UnrecognizedClientException)", cli.StandardError, StringComparison.Ordinal);
        Assert.Contains("The security token included in the request is invalid.", cli.StandardError, StringComparison.Ordinal);
        Assert.Equal(SigV4ErrorKind.UnrecognizedClient, _server.Single().Result.Error?.Kind);
    }

    /// <summary>
    /// Our signer, set to the instant the CLI signed at, produces the CLI's Authorization header byte for byte:
    /// same signed headers, canonical URI (<c>/chat/%40connections/AbCdEfGhIjKlMnO%253D</c>) and payload hash.
    /// </summary>
    [Theory]
    [InlineData("post-to-connection", "POST", "hello")]
    [InlineData("get-connection", "GET", null)]
    [InlineData("delete-connection", "DELETE", null)]
    public async Task Signer_AtCliTimestamp_ReproducesCliAuthorization(string operation, string method, string? data)
    {
        var cli = await AwsCli.ManageConnectionAsync(operation, Chat, AccessKeyId, SecretAccessKey, data);
        Assert.True(cli.ExitCode == 0, cli.StandardError);
        var seen = _server.Single();
        Assert.True(DateTimeOffset.TryParseExact(seen.AmzDate, "yyyyMMdd'T'HHmmss'Z'", null,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var signedAt));
        var signer = new SigV4Signer(Credentials, "us-east-1", "execute-api", new ManualTimeProvider(signedAt));
        using var request = new HttpRequestMessage(new HttpMethod(method), _server.Url(ConnectionPath))
        {
            Content = data is null ? null : new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(data)),
        };

        await signer.SignAsync(request).WaitAsync(TestHost.Timeout);

        Assert.Equal(seen.Host, request.Headers.Host);
        Assert.Equal(seen.Authorization, request.Headers.NonValidated["Authorization"].ToString());
    }
}
