using System.Net;
using System.Text.Json.Nodes;
using Platform.Gateway.Observability;
using Platform.Testing.Tokens;

namespace Platform.Gateway.Tests.Authorization.Jwt;

/// <summary>
/// JWT-protected routes through the whole gateway pipeline against a real issuer: what passes, each attack's
/// 401 with its <c>www-authenticate</c> challenge, scopes (403 insufficient_scope), and the claims reaching
/// <c>$context.authorizer</c> and the access log.
/// </summary>
public sealed class JwtAuthorizerTests
{
    private const string Unauthorized = """{"message":"Unauthorized"}""";

    [Theory]
    [InlineData("Bearer {0}")]
    [InlineData("bearer {0}")]
    [InlineData("BEARER   {0}")]
    [InlineData("{0}")]
    [InlineData("  Bearer {0}  ")]
    public async Task Request_ValidToken_ReachesIntegrationWithClaims(string authorization)
    {
        await using var gateway = await JwtGateway.StartAsync();
        var token = gateway.Rsa.CreateToken(gateway.Claims());

        using var response = await gateway.GetAsync("/me", string.Format(System.Globalization.CultureInfo.InvariantCulture, authorization, token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user-1|user-1|", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    public async Task Request_NoToken_401WithoutChallenge(string? authorization)
    {
        await using var gateway = await JwtGateway.StartAsync();

        using var response = await gateway.GetAsync("/me", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthorized, await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.False(response.Headers.Contains("www-authenticate"));
        Assert.Equal(0, gateway.Issuer.JwksRequests);
    }

    public static TheoryData<string, string> Attacks => new()
    {
        { "alg none", "unsigned tokens (alg none) are not accepted" },
        { "HS256 signed with the RSA public key PEM", "signing method HS256 is not accepted without a configured shared secret" },
        { "expired", "the token has expired" },
        { "nbf in the future", "the token is not valid yet" },
        { "iat in the future", "the token was issued in the future" },
        { "wrong iss", "the token iss is not the issuer" },
        { "wrong aud", "the token does not have a valid audience" },
        { "wrong signature", "the token signature is invalid" },
        { "unknown kid", "unable to find a key for the token kid" },
        { "garbage", "the token does not have three parts" },
        { "HS256 without a configured secret", "signing method HS256 is not accepted without a configured shared secret" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Request_InvalidToken_401WithInvalidTokenChallenge(string attack, string description)
    {
        await using var gateway = await JwtGateway.StartAsync();
        var token = Forge(gateway, attack);

        using var response = await gateway.GetAsync("/me", "Bearer " + token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Unauthorized, await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal($"Bearer scope=\"\" error=\"invalid_token\" error_description=\"{description}\"",
            Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Request_ClientIdInsteadOfAud_Accepted()
    {
        await using var gateway = await JwtGateway.StartAsync();
        var claims = gateway.Claims();
        claims.Remove("aud");
        claims["client_id"] = JwtGateway.Audience;

        using var response = await gateway.GetAsync("/me", "Bearer " + gateway.Rsa.CreateToken(claims));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_TokenWithoutRequiredScope_403InsufficientScope()
    {
        await using var gateway = await JwtGateway.StartAsync();
        var claims = gateway.Claims();
        claims["scope"] = "orders:read profile";

        using var response = await gateway.GetAsync("/orders", "Bearer " + gateway.Rsa.CreateToken(claims), HttpMethod.Post);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal("Bearer scope=\"orders:write admin\" error=\"insufficient_scope\" error_description=\"the token does not have the required scopes\"",
            Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Request_TokenWithoutAnyScopeOnScopedRoute_403()
    {
        await using var gateway = await JwtGateway.StartAsync();

        using var response = await gateway.GetAsync("/orders", "Bearer " + gateway.Rsa.CreateToken(gateway.Claims()), HttpMethod.Post);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("scope", "\"profile orders:write\"", "profile orders:write")]
    [InlineData("scp", "[\"admin\", \"profile\"]", "admin profile")]
    [InlineData("scp", "\"orders:write\"", "orders:write")]
    public async Task Request_ScopeStringOrScpArray_Accepted(string claim, string json, string scopes)
    {
        await using var gateway = await JwtGateway.StartAsync();
        var claims = gateway.Claims();
        claims[claim] = JsonNode.Parse(json);

        using var response = await gateway.GetAsync("/orders", "Bearer " + gateway.Rsa.CreateToken(claims), HttpMethod.Post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"user-1|user-1|{scopes}", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Request_Es256Token_Accepted()
    {
        await using var gateway = await JwtGateway.StartAsync();

        using var response = await gateway.GetAsync("/me", "Bearer " + gateway.Ec.CreateToken(gateway.Claims()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_Hs256WithConfiguredSecret_Accepted()
    {
        await using var gateway = await JwtGateway.StartAsync();

        using var response = await gateway.GetAsync("/hs", "Bearer " + TestTokens.Hs256(gateway.Claims(), JwtGateway.SharedSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, gateway.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Request_ConfusionTokenOnRouteWithSecrets_401BadSignature()
    {
        await using var gateway = await JwtGateway.StartAsync();

        using var response = await gateway.GetAsync("/hs", "Bearer " + TestTokens.Hs256(gateway.Claims(), gateway.Rsa.PublicKeyPem, "rsa-1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("the token signature is invalid", Assert.Single(response.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_TokenInQueryStringIdentitySource_Accepted()
    {
        await using var gateway = await JwtGateway.StartAsync();
        var token = gateway.Rsa.CreateToken(gateway.Claims());

        using var accepted = await gateway.GetAsync("/query?token=" + token, null);
        using var header = await gateway.GetAsync("/query", "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, header.StatusCode);
    }

    [Fact]
    public async Task Request_OpenRoute_NoAuthorizer()
    {
        await using var gateway = await JwtGateway.StartAsync();

        using var response = await gateway.GetAsync("/open", "Bearer garbage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("||", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Request_Authorized_AccessLogHasPrincipalAndClaim()
    {
        await using var gateway = await JwtGateway.StartAsync();
        var claims = gateway.Claims();
        claims["sub"] = "alice";

        using var accepted = await gateway.GetAsync("/me", "Bearer " + gateway.Rsa.CreateToken(claims));
        using var refused = await gateway.GetAsync("/me", "Bearer garbage");

        var records = gateway.App.Logs.Where(l => l.Category == AccessLogWriter.Category).Select(l => l.Message).ToList();
        Assert.Equal(["alice alice 200", "- - 401"], records);
    }

    private static string Forge(JwtGateway gateway, string attack)
    {
        var claims = gateway.Claims();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (attack)
        {
            case "alg none":
                return TestTokens.AlgNone(claims, "rsa-1");
            case "HS256 signed with the RSA public key PEM":
                return TestTokens.Hs256(claims, gateway.Rsa.PublicKeyPem, "rsa-1");
            case "expired":
                claims["exp"] = now - 5;
                break;
            case "nbf in the future":
                claims["nbf"] = now + 600;
                break;
            case "iat in the future":
                claims["iat"] = now + 600;
                break;
            case "wrong iss":
                claims["iss"] = "https://evil.example";
                break;
            case "wrong aud":
                claims["aud"] = "someone-else";
                break;
            case "wrong signature":
                using (var other = TestSigningKey.CreateRsa("rsa-1"))
                {
                    return other.CreateToken(claims);
                }

            case "unknown kid":
                return TestTokens.Create(TestTokens.Header("RS256", "rsa-9"), claims, gateway.Rsa.Sign);
            case "garbage":
                return "garbage";
            case "HS256 without a configured secret":
                return TestTokens.Hs256(claims, JwtGateway.SharedSecret);
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, "no such attack");
        }

        return gateway.Rsa.CreateToken(claims);
    }
}
