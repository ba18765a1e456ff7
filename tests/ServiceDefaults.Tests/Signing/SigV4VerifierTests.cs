using Platform.ServiceDefaults.Signing;
using static Platform.ServiceDefaults.Tests.Signing.SigV4TestData;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>Malformed authorization and payload rules, on in-memory requests.</summary>
public sealed class SigV4VerifierTests
{
    private const string Host = "127.0.0.1:8080";
    private const string Now = "20300101T120000Z";

    private static readonly DateTimeOffset ServerNow = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<SigV4Result> VerifyAsync(string? authorization, string? amzDate = Now, string body = "",
        string rawTarget = ConnectionPath, Action<SigV4Options>? configure = null, (string, string)[]? more = null)
    {
        var headers = new List<(string, string)>(more ?? []);
        if (authorization is not null)
        {
            headers.Add(("Authorization", authorization));
        }

        if (amzDate is not null)
        {
            headers.Add(("X-Amz-Date", amzDate));
        }

        var verifier = Verifier(new ManualTimeProvider(ServerNow), configure: configure);
        return await verifier.VerifyAsync(SigV4Requests.Create("POST", rawTarget, Host, headers, body)).AsTask().WaitAsync(TestHost.Timeout);
    }

    /// <summary>A well-formed header over the given parts; its signature is never right.</summary>
    private static string Header(string scope = $"{AccessKeyId}/20300101/us-east-1/execute-api/aws4_request",
        string signedHeaders = "host;x-amz-date", string algorithm = "AWS4-HMAC-SHA256") =>
        $"{algorithm} Credential={scope}, SignedHeaders={signedHeaders}, Signature={new string('0', 64)}";

    private static void AssertError(SigV4Result result, SigV4ErrorKind kind, string message)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(kind, result.Error.Kind);
        Assert.Equal(403, result.Error.StatusCode);
        Assert.Equal(message, result.Error.Message);
    }

    [Fact]
    public async Task Verify_BearerTokenWithoutDate_IncompleteListingEveryMissingPart()
    {
        var result = await VerifyAsync("Bearer abc", amzDate: null);

        AssertError(result, SigV4ErrorKind.IncompleteSignature,
            "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
            "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
            "Authorization=Bearer abc");
        Assert.Equal("IncompleteSignatureException", result.Error!.ErrorType);
    }

    [Theory]
    [InlineData("AKIA/20300101/us-east-1/execute-api", "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIA/20300101/us-east-1/execute-api'")]
    [InlineData("AKIA/20300101/us-east-1/execute-api/aws4_request/x", "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIA/20300101/us-east-1/execute-api/aws4_request/x'")]
    public async Task Verify_CredentialWithoutFiveElements_Incomplete(string scope, string message) =>
        AssertError(await VerifyAsync(Header(scope)), SigV4ErrorKind.IncompleteSignature, message);

    [Fact]
    public async Task Verify_HostNotSigned_Incomplete() =>
        AssertError(await VerifyAsync(Header(signedHeaders: "x-amz-date")), SigV4ErrorKind.IncompleteSignature,
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

    [Fact]
    public async Task Verify_DateNotBasicFormat_Incomplete() =>
        AssertError(await VerifyAsync(Header(), amzDate: "2030-01-01T12:00:00Z"), SigV4ErrorKind.IncompleteSignature,
            "Date must be in ISO-8601 'basic format'. Got '2030-01-01T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601");

    [Fact]
    public async Task Verify_OtherAlgorithm_Incomplete() =>
        AssertError(await VerifyAsync(Header(algorithm: "AWS4-HMAC-SHA512")), SigV4ErrorKind.IncompleteSignature,
            "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'; only 'AWS4-HMAC-SHA256' is supported.");

    [Fact]
    public async Task Verify_ScopeDateOtherThanRequestDate_InvalidSignature() =>
        AssertError(await VerifyAsync(Header($"{AccessKeyId}/20291231/us-east-1/execute-api/aws4_request")), SigV4ErrorKind.InvalidSignature,
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20291231' != '20300101', from '20300101T120000Z'.");

    [Fact]
    public async Task Verify_ScopeTerminatorWrong_InvalidSignature() =>
        AssertError(await VerifyAsync(Header($"{AccessKeyId}/20300101/us-east-1/execute-api/aws5_request")), SigV4ErrorKind.InvalidSignature,
            "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.");

    [Fact]
    public async Task Verify_EmptyRegion_InvalidSignature() =>
        AssertError(await VerifyAsync(Header($"{AccessKeyId}/20300101//execute-api/aws4_request")), SigV4ErrorKind.InvalidSignature,
            "Credential should be scoped to a valid region.");

    [Fact]
    public async Task Verify_HeaderAndPresignedQuery_Incomplete() =>
        AssertError(await VerifyAsync(Header(), rawTarget: ConnectionPath + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"), SigV4ErrorKind.IncompleteSignature,
            "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.");

    [Fact]
    public async Task Verify_PresignedWithoutSignature_IncompleteNamingIt() =>
        AssertError(await VerifyAsync(null, amzDate: null,
                rawTarget: ConnectionPath + $"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={AccessKeyId}%2F20300101%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Date={Now}&X-Amz-SignedHeaders=host"),
            SigV4ErrorKind.IncompleteSignature,
            "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.");

    [Fact]
    public async Task Verify_PresignedExpiresBeyondAWeek_Incomplete() =>
        AssertError(await VerifyAsync(null, amzDate: null,
                rawTarget: ConnectionPath + $"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={AccessKeyId}%2F20300101%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Date={Now}&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature=00"),
            SigV4ErrorKind.IncompleteSignature,
            "X-Amz-Expires must be a whole number of seconds from 1 to 604800 (a week), not '604801'.");

    [Fact]
    public async Task Verify_UnsignedPayloadByDefault_Rejected() =>
        AssertError(await VerifyAsync(Header(), more: [("x-amz-content-sha256", "UNSIGNED-PAYLOAD")]), SigV4ErrorKind.InvalidSignature,
            "UNSIGNED-PAYLOAD is not accepted: sign the SHA-256 of the payload.");

    [Fact]
    public async Task Verify_ContentSha256NotTheBody_Rejected() =>
        AssertError(await VerifyAsync(Header(), body: "hello", more: [("x-amz-content-sha256", SigV4Constants.EmptyPayloadHash)]),
            SigV4ErrorKind.InvalidSignature, "The provided 'x-amz-content-sha256' header does not match what was computed.");

    [Fact]
    public async Task Verify_BodyOverLimit_PayloadTooLarge()
    {
        var result = await VerifyAsync(Header(), body: new string('x', 17), configure: o => o.MaxPayloadBytes = 16);

        Assert.Equal(SigV4ErrorKind.PayloadTooLarge, result.Error?.Kind);
        Assert.Equal(413, result.Error?.StatusCode);
    }
}
