using System.Net;
using System.Text;
using Platform.ServiceDefaults.Signing;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Gateway.Tests.Authorization;

/// <summary>
/// <c>AWS_IAM</c> routes verify SigV4 (service <c>execute-api</c>) with the verifier the hub's <c>@connections</c>
/// API uses: the AWS CLI as a real signing client, and requests signed by our signer then tampered with.
/// </summary>
public sealed class IamAuthorizationTests : IAsyncLifetime
{
    // A REST API, so the bodies are AWS's detailed ones; MOCK integrations echo what the gateway established.
    private const string Definitions = """
        {"apis": {"signed": {
          "protocol": "REST",
          "routes": {
            "GET /@connections/{connectionId}": {"integration": "who", "authorizationType": "AWS_IAM"},
            "POST /@connections/{connectionId}": {"integration": "ok", "authorizationType": "AWS_IAM"},
            "GET /other": {"integration": "ok", "authorizationType": "AWS_IAM"},
            "GET /open": {"integration": "ok"}
          },
          "integrations": {
            "who": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200, "headers": {"content-type": "application/json"},
              "body": "{\"ConnectedAt\":\"2026-01-01T00:00:00Z\",\"Identity\":{\"SourceIp\":\"$context.identity.sourceIp\",\"UserAgent\":\"$context.identity.accessKey $context.identity.userArn\"},\"LastActiveAt\":\"2026-01-01T00:00:00Z\"}"}},
            "ok": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200, "body": "{}"}}
          },
          "stages": {"prod": {}}
        }},
        "domainNames": {"$default": {"apiMappings": [{"apiMappingKey": "", "api": "signed", "stage": "prod"}]}}}
        """;

    private KestrelGateway _gateway = null!;

    private string Endpoint => _gateway.Address.ToString().TrimEnd('/');

    public Task InitializeAsync()
    {
        _gateway = KestrelGateway.Start(Definitions);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task AwsCli_SignedGet_ReachesTheIntegrationWithTheCaller()
    {
        var result = await AwsCli.RunAsync(
            ["apigatewaymanagementapi", "get-connection", "--connection-id", "abc", "--endpoint-url", Endpoint, "--debug"],
            KestrelGateway.AccessKeyId, KestrelGateway.SecretAccessKey);

        // The CLI prints the parsed response body in its debug log (its plain output of this operation is empty).
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"{KestrelGateway.AccessKeyId} arn:aws:iam::000000000000:user/{KestrelGateway.AccessKeyId}", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("\"SourceIp\":\"127.0.0.1\"", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsCli_SignedPostWithBody_IsAccepted()
    {
        var result = await AwsCli.RunAsync(
            ["apigatewaymanagementapi", "post-to-connection", "--connection-id", "abc", "--data", "hello signed body", "--endpoint-url", Endpoint],
            KestrelGateway.AccessKeyId, KestrelGateway.SecretAccessKey);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task AwsCli_WrongSecret_InvalidSignature()
    {
        var result = await AwsCli.RunAsync(
            ["apigatewaymanagementapi", "get-connection", "--connection-id", "abc", "--endpoint-url", Endpoint],
            KestrelGateway.AccessKeyId, "not-the-secret-key-0123456789");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("signature we calculated does not match", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsCli_UnknownAccessKey_InvalidToken()
    {
        var result = await AwsCli.RunAsync(
            ["apigatewaymanagementapi", "get-connection", "--connection-id", "abc", "--endpoint-url", Endpoint],
            "AKIAUNKNOWNKEY000001", KestrelGateway.SecretAccessKey);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("The security token included in the request is invalid.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_MissingAuthenticationToken()
    {
        using var response = await _gateway.Client.GetAsync(new Uri(Endpoint + "/@connections/abc"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task OpenRoute_NeedsNoSignature()
    {
        using var response = await _gateway.Client.GetAsync(new Uri(Endpoint + "/open"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Signed_Untouched_Accepted()
    {
        using var request = await SignedAsync(HttpMethod.Post, "/@connections/abc", "payload");

        using var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Tampering => new() { "path", "query", "body", "date", "signature", "signed-header" };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Signed_ThenTampered_InvalidSignature(string what)
    {
        using var signed = await SignedAsync(HttpMethod.Post, "/@connections/abc", "payload");
        var path = what switch { "path" => "/@connections/abd", "query" => "/@connections/abc?extra=1", _ => "/@connections/abc" };
        using var tampered = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint + path))
        {
            Content = new StringContent(what == "body" ? "payloaD" : "payload", Encoding.UTF8),
        };
        foreach (var header in signed.Headers)
        {
            tampered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        tampered.Content.Headers.ContentType = signed.Content!.Headers.ContentType;
        switch (what)
        {
            case "date":
                var date = signed.Headers.GetValues("X-Amz-Date").Single();
                tampered.Headers.Remove("X-Amz-Date");
                tampered.Headers.TryAddWithoutValidation("X-Amz-Date", date[..^3] + (date[^3] == '5' ? "4" : "5") + date[^2..]);
                break;
            case "signature":
                var authorization = signed.Headers.GetValues("Authorization").Single();
                tampered.Headers.Remove("Authorization");
                tampered.Headers.TryAddWithoutValidation("Authorization", authorization[..^1] + (authorization[^1] == '0' ? '1' : '0'));
                break;
            case "signed-header":
                tampered.Headers.Remove("X-Amz-Date");
                tampered.Headers.TryAddWithoutValidation("X-Amz-Date", signed.Headers.GetValues("X-Amz-Date").Single());
                tampered.Headers.Host = "evil.example";
                break;
            default:
                break;
        }

        using var response = await _gateway.Client.SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task SignedTenMinutesAgo_SignatureExpired()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow.AddMinutes(-10));
        using var request = await SignedAsync(HttpMethod.Get, "/other", body: null, clock);

        using var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Signature expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presigned_Accepted_AndOnlyForItsPath()
    {
        var signer = new SigV4Signer(new SigV4Credentials(KestrelGateway.AccessKeyId, KestrelGateway.SecretAccessKey), "us-east-1", "execute-api");
        var presigned = signer.Presign(HttpMethod.Get, new Uri(Endpoint + "/other"), TimeSpan.FromMinutes(5));

        using var ok = await _gateway.Client.GetAsync(presigned);
        using var moved = await _gateway.Client.GetAsync(new Uri(presigned.ToString().Replace("/other", "/@connections/x", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
    }

    [Fact]
    public async Task NoCredentialsConfigured_AwsIamRouteAnswers500AndSaysWhy()
    {
        await using var gateway = KestrelGateway.Start(Definitions, credentials: false);

        using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "/other"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("AuthorizerConfigurationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        await gateway.Logs.WaitForAsync(e => e.Message.Contains("uses AWS_IAM but the gateway has no Platform:Credentials", StringComparison.Ordinal));
    }

    private async Task<HttpRequestMessage> SignedAsync(HttpMethod method, string path, string? body, TimeProvider? clock = null)
    {
        var signer = new SigV4Signer(new SigV4Credentials(KestrelGateway.AccessKeyId, KestrelGateway.SecretAccessKey), "us-east-1", "execute-api", clock);
        var request = new HttpRequestMessage(method, new Uri(Endpoint + path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
        }

        await signer.SignAsync(request);
        return request;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
