using System.Net;
using System.Text;

namespace Platform.Identity.Tests.Tokens;

/// <summary>Every refused token request: its status, its RFC 6749 §5.2 error body, and no token.</summary>
public sealed class TokenEndpointErrorTests(DefaultIdentityAppFixture app) : IClassFixture<DefaultIdentityAppFixture>
{
    private const string Grant = "grant_type=client_credentials";
    private const string Form = TokenRequests.FormContentType;

    /// <summary>Authorization values by name, so that the table below stays readable.</summary>
    private static readonly Dictionary<string, string?> Authorizations = new(StringComparer.Ordinal)
    {
        ["none"] = null,
        ["dev"] = TokenRequests.Basic("platform-dev", "platform-dev-secret").ToString(),
        ["wrong-secret"] = TokenRequests.Basic("platform-dev", "platform-dev-secreT").ToString(),
        ["unknown-client"] = TokenRequests.Basic("someone-else", "platform-dev-secret").ToString(),
        ["not-base64"] = "Basic !!!not-base64!!!",
        ["no-colon"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("platform-dev")),
        ["bearer"] = "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
    };

    [Theory]
    // Client authentication: 401 invalid_client with WWW-Authenticate: Basic, the same for an unknown id and a wrong secret.
    [InlineData("wrong secret (Basic)", Grant, "wrong-secret", Form, 401, "invalid_client")]
    [InlineData("unknown client (Basic)", Grant, "unknown-client", Form, 401, "invalid_client")]
    [InlineData("wrong secret (form)", Grant + "&client_id=platform-dev&client_secret=nope", "none", Form, 401, "invalid_client")]
    [InlineData("unknown client (form)", Grant + "&client_id=nobody&client_secret=platform-dev-secret", "none", Form, 401, "invalid_client")]
    [InlineData("form id without secret", Grant + "&client_id=platform-dev", "none", Form, 401, "invalid_client")]
    [InlineData("no authentication", Grant, "none", Form, 401, "invalid_client")]
    [InlineData("Basic not base64", Grant, "not-base64", Form, 401, "invalid_client")]
    [InlineData("Basic without colon", Grant, "no-colon", Form, 401, "invalid_client")]
    [InlineData("Bearer instead of Basic", Grant, "bearer", Form, 401, "invalid_client")]
    // More than one authentication method, or disagreeing ids.
    [InlineData("Basic and client_secret", Grant + "&client_id=platform-dev&client_secret=platform-dev-secret", "dev", Form, 400, "invalid_request")]
    [InlineData("Basic and client_secret only", Grant + "&client_secret=platform-dev-secret", "dev", Form, 400, "invalid_request")]
    [InlineData("Basic and another client_id", Grant + "&client_id=someone-else", "dev", Form, 400, "invalid_request")]
    // The grant.
    [InlineData("missing grant_type", "scope=profile", "dev", Form, 400, "invalid_request")]
    [InlineData("empty grant_type", "grant_type=", "dev", Form, 400, "invalid_request")]
    [InlineData("password grant", "grant_type=password&username=a&password=b", "dev", Form, 400, "unsupported_grant_type")]
    [InlineData("authorization_code grant", "grant_type=authorization_code&code=x", "dev", Form, 400, "unsupported_grant_type")]
    [InlineData("grant in the wrong case", "grant_type=Client_Credentials", "dev", Form, 400, "unsupported_grant_type")]
    // The scope.
    [InlineData("scope not allowed", Grant + "&scope=admin", "dev", Form, 400, "invalid_scope")]
    [InlineData("one scope of two not allowed", Grant + "&scope=profile+orders:delete", "dev", Form, 400, "invalid_scope")]
    [InlineData("scope with a quote", Grant + "&scope=%22profile%22", "dev", Form, 400, "invalid_scope")]
    [InlineData("scope of spaces only", Grant + "&scope=+++", "dev", Form, 400, "invalid_scope")]
    // The body.
    [InlineData("repeated grant_type", Grant + "&" + Grant, "dev", Form, 400, "invalid_request")]
    [InlineData("repeated scope", Grant + "&scope=profile&scope=profile", "dev", Form, 400, "invalid_request")]
    [InlineData("bad percent escape", Grant + "&scope=%zz", "dev", Form, 400, "invalid_request")]
    [InlineData("truncated percent escape", Grant + "&scope=%4", "dev", Form, 400, "invalid_request")]
    [InlineData("pair without '='", Grant + "&scope", "dev", Form, 400, "invalid_request")]
    [InlineData("pair without a name", Grant + "&=profile", "dev", Form, 400, "invalid_request")]
    [InlineData("escape that is not UTF-8", Grant + "&scope=%FF", "dev", Form, 400, "invalid_request")]
    [InlineData("JSON body", """{"grant_type":"client_credentials"}""", "dev", "application/json", 400, "invalid_request")]
    [InlineData("multipart body", Grant, "dev", "multipart/form-data; boundary=x", 400, "invalid_request")]
    [InlineData("no content type", Grant, "dev", null, 400, "invalid_request")]
    public async Task Token_BadRequest_AnswersTheOAuthError(string why, string body, string authorization, string? contentType, int status, string error)
    {
        // Act
        using var response = await app.Client.PostTokenAsync(Encoding.UTF8.GetBytes(body), Authorizations[authorization], contentType);
        var json = await response.ReadJsonAsync();

        // Assert
        Assert.True(status == (int)response.StatusCode, $"{why}: {(int)response.StatusCode} {json.ToJsonString()}");
        Assert.Equal(["error", "error_description"], json.Select(member => member.Key));
        Assert.Equal(error, (string?)json["error"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)json["error_description"]));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        if (status == 401)
        {
            Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }
        else
        {
            Assert.Empty(response.Headers.WwwAuthenticate);
        }
    }

    [Fact]
    public async Task Token_BodyNotUtf8_AnswersInvalidRequest()
    {
        // Arrange: a raw 0xFF byte, not an escape.
        var body = Encoding.ASCII.GetBytes(Grant + "&scope=").Append((byte)0xFF).ToArray();

        // Act
        using var response = await app.Client.PostTokenAsync(body, Authorizations["dev"]);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (string?)(await response.ReadJsonAsync())["error"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Token_BodyOver16KB_Answers413(bool declareLength)
    {
        // Arrange: a valid form, padded with an unknown parameter past the limit; sent with and without Content-Length.
        var body = Encoding.ASCII.GetBytes(Grant + "&padding=" + new string('a', 16 * 1024));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = declareLength ? new ByteArrayContent(body) : new StreamContent(new NonSeekableStream(body)),
        };
        request.Content.Headers.ContentType = new(TokenRequests.FormContentType);
        request.Headers.Authorization = TokenRequests.Basic("platform-dev", "platform-dev-secret");

        // Act
        using var response = await app.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("invalid_request", (string?)(await response.ReadJsonAsync())["error"]);
    }

    [Fact]
    public async Task Token_BodyOfExactly16KB_IsRead()
    {
        // Arrange
        var prefix = Grant + "&padding=";
        var body = prefix + new string('a', (16 * 1024) - prefix.Length);

        // Act
        using var response = await app.Client.PostTokenAsync(body, TokenRequests.Basic("platform-dev", "platform-dev-secret"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_Get_Answers405()
    {
        // Act
        using var response = await app.Client.GetAsync("/connect/token").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    /// <summary>A stream whose length is unknown, so the request goes without Content-Length.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
