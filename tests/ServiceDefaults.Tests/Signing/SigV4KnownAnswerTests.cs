using Platform.ServiceDefaults.Signing;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>
/// Vectors from AWS's SigV4 documentation (derived-key example and the IAM ListUsers request), and vectors botocore
/// 1.43 computed with its clock fixed at 2015-08-30T12:36:00Z for the development key pair. Each was recomputed
/// independently (Python hmac/hashlib) before being written here.
/// </summary>
public sealed class SigV4KnownAnswerTests
{
    private const string ExampleAccessKeyId = "AKIDEXAMPLE";
    private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string ListUsersSignature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private static readonly DateTimeOffset ListUsersTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void DeriveSigningKey_AwsDocumentationExample_Matches()
    {
        var key = SigningKeyCache.Derive(ExampleSecret, "20120215", "us-east-1", "iam");

        Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void CanonicalRequest_AwsListUsersExample_DocumentedHash()
    {
        var canonical = SigV4Canonical.CanonicalRequest("GET", SigV4Canonical.CanonicalUri("/"),
            SigV4Canonical.CanonicalQuery(SigV4Canonical.CanonicalParameters("Action=ListUsers&Version=2010-05-08")),
            [new("content-type", FormContentType), new("host", "iam.amazonaws.com"), new("x-amz-date", "20150830T123600Z")],
            "content-type;host;x-amz-date", SigV4Constants.EmptyPayloadHash);

        Assert.Equal("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
            SigV4Canonical.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }

    [Fact]
    public async Task Sign_AwsListUsersExample_DocumentedSignature()
    {
        var signer = new SigV4Signer(new(ExampleAccessKeyId, ExampleSecret), "us-east-1", "iam", new ManualTimeProvider(ListUsersTime));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08")
        {
            Content = new ByteArrayContent([]),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", FormContentType);

        await signer.SignAsync(request).WaitAsync(TestHost.Timeout);

        Assert.Equal("iam.amazonaws.com", request.Headers.Host);
        Assert.Equal("20150830T123600Z", request.Headers.NonValidated["X-Amz-Date"].ToString());
        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature={ListUsersSignature}",
            request.Headers.NonValidated["Authorization"].ToString());
    }

    [Theory]
    [InlineData(ExampleSecret, true)]
    [InlineData("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ", false)]
    public async Task Verify_AwsListUsersExample_AcceptedOnlyWithDocumentedSecret(string secret, bool accepted)
    {
        var options = new SigV4Options { Service = "iam", Credentials = { new SigV4Credentials(ExampleAccessKeyId, secret) } };
        var verifier = new SigV4Verifier(Microsoft.Extensions.Options.Options.Create(options), new ManualTimeProvider(ListUsersTime),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SigV4Verifier>.Instance);
        var request = SigV4Requests.Create("GET", "/?Action=ListUsers&Version=2010-05-08", "iam.amazonaws.com",
        [
            ("Content-Type", FormContentType),
            ("X-Amz-Date", "20150830T123600Z"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature={ListUsersSignature}"),
        ]);

        var result = await verifier.VerifyAsync(request).AsTask().WaitAsync(TestHost.Timeout);

        Assert.Equal(accepted, result.Succeeded);
    }

    /// <summary>botocore <c>SigV4Auth</c> / <c>SigV4QueryAuth</c> output for the development key pair.</summary>
    [Theory]
    [InlineData("POST", "/chat/@connections/AbCdEfGhIjKlMnO%3D", "X-Amz-Date", "20150830T123600Z",
        "AWS4-HMAC-SHA256 Credential=AKIAPLATFORMDEVKEY01/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=09bdf2f30d28d905896a0bb9dbfdc10c6701d247f674a483535ba03d17d153e4",
        "hello")]
    [InlineData("GET", "/a/./b//c/../d%20e/~x?z=1&y=%2F&y=%2B&x", "X-Amz-Date", "20150830T123600Z",
        "AWS4-HMAC-SHA256 Credential=AKIAPLATFORMDEVKEY01/20150830/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=2883befd6037e4c8a61a53ecfd57701da618f9b05ea3ec53eaf50abfb7070a3d",
        null)]
    [InlineData("DELETE", "/chat/@connections/AbCdEfGhIjKlMnO%3D", "Date", "Sun, 30 Aug 2015 12:36:00 -0000",
        "AWS4-HMAC-SHA256 Credential=AKIAPLATFORMDEVKEY01/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=date;host, Signature=67ae125356e47326a5965ce1d98b6f9f8bd7fb5f30ca38cbb429d87a99a40e6c",
        null)]
    [InlineData("GET", "/prod/items?b=2&a=x%20y&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPLATFORMDEVKEY01%2F20150830%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=6b09350a885d9499e67a5e930d4de7f26118198b00eec06ba11f41d925e1eed0",
        null, null, null, null)]
    public async Task Verify_BotocoreVector_Accepted(string method, string rawTarget, string? dateHeader, string? date,
        string? authorization, string? body)
    {
        var host = authorization is null ? "abc123.execute-api.us-east-1.amazonaws.com" : "127.0.0.1:8080";
        var headers = new List<(string, string)>();
        if (dateHeader is not null)
        {
            headers.Add((dateHeader, date!));
            headers.Add(("Authorization", authorization!));
        }

        var verifier = SigV4TestData.Verifier(new ManualTimeProvider(ListUsersTime.AddMinutes(1)));

        var result = await verifier.VerifyAsync(SigV4Requests.Create(method, rawTarget, host, headers, body)).AsTask().WaitAsync(TestHost.Timeout);

        Assert.True(result.Succeeded, result.Error?.Message);
    }

    [Fact]
    public async Task Sign_BotocoreConnectionVector_SameAuthorization()
    {
        var signer = new SigV4Signer(SigV4TestData.Credentials, "us-east-1", "execute-api", new ManualTimeProvider(ListUsersTime));
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:8080/chat/@connections/AbCdEfGhIjKlMnO%3D")
        {
            Content = new ByteArrayContent("hello"u8.ToArray()),
        };

        await signer.SignAsync(request).WaitAsync(TestHost.Timeout);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIAPLATFORMDEVKEY01/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=09bdf2f30d28d905896a0bb9dbfdc10c6701d247f674a483535ba03d17d153e4",
            request.Headers.NonValidated["Authorization"].ToString());
    }

    [Fact]
    public void Presign_BotocoreVector_SameUrl()
    {
        var signer = new SigV4Signer(SigV4TestData.Credentials, "us-east-1", "execute-api", new ManualTimeProvider(ListUsersTime));

        var url = signer.Presign(HttpMethod.Get, new Uri("https://abc123.execute-api.us-east-1.amazonaws.com/prod/items?b=2&a=x%20y"),
            TimeSpan.FromMinutes(5));

        Assert.Equal(
            "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items?b=2&a=x%20y&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPLATFORMDEVKEY01%2F20150830%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=6b09350a885d9499e67a5e930d4de7f26118198b00eec06ba11f41d925e1eed0",
            url.AbsoluteUri);
    }
}
