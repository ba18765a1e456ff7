using System.Net;
using System.Text.Json.Nodes;

namespace Platform.Identity.Tests.Tokens;

/// <summary>Successful client_credentials requests: the response, the token's header and claims, and its signature.</summary>
public sealed class TokenEndpointTests(DefaultIdentityAppFixture app) : IClassFixture<DefaultIdentityAppFixture>
{
    [Fact]
    public async Task Token_BasicAuth_Returns200WithABearerTokenThatMustNotBeStored()
    {
        // Act
        using var response = await app.Client.PostTokenAsync("grant_type=client_credentials", TokenRequests.Basic("platform-dev", "platform-dev-secret"));
        var json = await response.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(["access_token", "token_type", "expires_in", "scope"], json.Select(member => member.Key));
        Assert.Equal("Bearer", (string?)json["token_type"]);
        Assert.Equal(3600, (int)json["expires_in"]!);
        Assert.Equal("orders:read orders:write profile", (string?)json["scope"]);
    }

    [Fact]
    public async Task Token_FormAuth_IssuesATokenForTheClient()
    {
        // Act
        using var response = await app.Client.PostTokenAsync(
            "grant_type=client_credentials&client_id=platform-dev&client_secret=platform-dev-secret&scope=profile");
        var json = await response.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("profile", (string?)json["scope"]);
        Assert.Equal("platform-dev", (string?)Jwt.Parse((string)json["access_token"]!).Payload["client_id"]);
    }

    [Fact]
    public async Task Token_BasicAuthWithTheSameClientIdInTheForm_IsAccepted()
    {
        // Act
        using var response = await app.Client.PostTokenAsync(
            "grant_type=client_credentials&client_id=platform-dev", TokenRequests.Basic("platform-dev", "platform-dev-secret"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_Signature_VerifiesWithTheJwksKeyOfItsKid()
    {
        // Arrange
        var token = Jwt.Parse((string)(await app.Client.GetTokenAsync())["access_token"]!);

        // Act
        var jwks = await app.Client.GetJsonAsync("/.well-known/jwks.json");

        // Assert: valid as issued, invalid once a claim is changed.
        Assert.True(token.VerifiesWith(jwks));
        Assert.False(token.WithClaim("scope", "admin").VerifiesWith(jwks));
    }

    [Fact]
    public async Task Token_HeaderAndClaims_AreThoseOfAnRs256AccessToken()
    {
        // Arrange
        var issuer = (string)(await app.Client.GetJsonAsync("/.well-known/openid-configuration"))["issuer"]!;
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // Act
        var token = Jwt.Parse((string)(await app.Client.GetTokenAsync("grant_type=client_credentials&scope=orders:write+orders:read"))["access_token"]!);

        // Assert
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal("RS256", (string?)token.Header["alg"]);
        Assert.Equal("at+jwt", (string?)token.Header["typ"]);
        Assert.Contains("\"typ\":\"at+jwt\"", System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.SigningInput.Split('.')[0])), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(token.KeyId));
        var claims = token.Payload;
        Assert.Equal(issuer, (string?)claims["iss"]);
        Assert.Equal("platform-dev", (string?)claims["sub"]);
        Assert.Equal("platform", (string?)claims["aud"]);
        Assert.Equal("platform-dev", (string?)claims["client_id"]);
        Assert.Equal("orders:write orders:read", (string?)claims["scope"]);
        var issuedAt = (long)claims["iat"]!;
        Assert.InRange(issuedAt, before, after);
        Assert.Equal(issuedAt, (long)claims["nbf"]!);
        Assert.Equal(issuedAt + 3600, (long)claims["exp"]!);
        Assert.Matches("^[0-9a-f]{32}$", (string?)claims["jti"]);
    }

    [Fact]
    public async Task Token_TwoRequests_HaveDistinctTokenIds()
    {
        // Act
        var first = Jwt.Parse((string)(await app.Client.GetTokenAsync())["access_token"]!);
        var second = Jwt.Parse((string)(await app.Client.GetTokenAsync())["access_token"]!);

        // Assert
        Assert.NotEqual((string?)first.Payload["jti"], (string?)second.Payload["jti"]);
    }

    [Theory]
    [InlineData("grant_type=client_credentials&scope=profile+profile", "profile")]
    [InlineData("grant_type=client_credentials&scope=profile%20%20orders:read", "profile orders:read")]
    [InlineData("grant_type=client_credentials&scope=", "orders:read orders:write profile")]
    [InlineData("grant_type=client_credentials&&", "orders:read orders:write profile")]
    public async Task Token_ScopeForms_GrantTheDistinctRequestedScopes(string body, string expectedScope)
    {
        // Act
        var json = await app.Client.GetTokenAsync(body);

        // Assert: an empty parameter counts as omitted (RFC 6749 §3.2), so it grants every allowed scope.
        Assert.Equal(expectedScope, (string?)json["scope"]);
        Assert.Equal(expectedScope, (string?)Jwt.Parse((string)json["access_token"]!).Payload["scope"]);
    }

    [Fact]
    public async Task Token_ContentTypeWithCharset_IsAccepted()
    {
        // Act
        using var response = await app.Client.PostTokenAsync(
            "grant_type=client_credentials", TokenRequests.Basic("platform-dev", "platform-dev-secret"), "application/x-www-form-urlencoded; charset=utf-8");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsType<JsonObject>(await response.ReadJsonAsync());
    }
}
