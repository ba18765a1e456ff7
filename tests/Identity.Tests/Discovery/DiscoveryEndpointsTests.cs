using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Platform.Identity.Tests.Discovery;

/// <summary>The discovery document and the JWKS: their fields, and every URL derived from the issuer.</summary>
public sealed class DiscoveryEndpointsTests(DefaultIdentityAppFixture app) : IClassFixture<DefaultIdentityAppFixture>
{
    [Fact]
    public async Task Discovery_DefaultIssuer_IsTheRequestOriginAndEveryUrlDerivesFromIt()
    {
        // Act
        var document = await app.Client.GetJsonAsync("/.well-known/openid-configuration");

        // Assert: the test server's origin, as requested.
        var issuer = (string)document["issuer"]!;
        Assert.Equal(app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority), issuer);
        Assert.Equal(issuer + "/.well-known/jwks.json", (string?)document["jwks_uri"]);
        Assert.Equal(issuer + "/connect/token", (string?)document["token_endpoint"]);
    }

    [Fact]
    public async Task Discovery_Document_AnnouncesTheGrantAuthMethodsAlgorithmAndScopes()
    {
        // Act
        var document = await app.Client.GetJsonAsync("/.well-known/openid-configuration");

        // Assert
        AssertStrings(["client_credentials"], document["grant_types_supported"]);
        AssertStrings(["client_secret_basic", "client_secret_post"], document["token_endpoint_auth_methods_supported"]);
        AssertStrings(["RS256"], document["id_token_signing_alg_values_supported"]);
        AssertStrings(["orders:read", "orders:write", "profile"], document["scopes_supported"]);
        AssertStrings(["public"], document["subject_types_supported"]);
        Assert.Contains("client_id", document["claims_supported"]!.AsArray().Select(claim => (string?)claim));
    }

    [Fact]
    public async Task Discovery_HostHeader_IssuerFollowsIt()
    {
        // Arrange: without Identity:Issuer, the issuer is whatever origin the caller reached, any port.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "127.0.0.1:5123";

        // Act
        using var response = await app.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var document = await response.ReadJsonAsync();

        // Assert
        Assert.Equal("http://127.0.0.1:5123", (string?)document["issuer"]);
        Assert.Equal("http://127.0.0.1:5123/connect/token", (string?)document["token_endpoint"]);
    }

    [Fact]
    public async Task Jwks_Default_PublishesOneRsaSigningKey()
    {
        // Act
        using var response = await app.Client.GetAsync("/.well-known/jwks.json").WaitAsync(TestTimeouts.Default);
        var jwks = await response.ReadJsonAsync();

        // Assert
        var key = Assert.Single(jwks["keys"]!.AsArray())!.AsObject();
        Assert.Equal(["kty", "use", "alg", "kid", "n", "e"], key.Select(member => member.Key));
        Assert.Equal("RSA", (string?)key["kty"]);
        Assert.Equal("sig", (string?)key["use"]);
        Assert.Equal("RS256", (string?)key["alg"]);
        Assert.False(string.IsNullOrEmpty((string?)key["kid"]));
        Assert.Equal(256, Base64Url.DecodeFromChars((string)key["n"]!).Length); // a 2048-bit modulus
        Assert.Equal("AQAB", (string?)key["e"]); // 65537
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    private static void AssertStrings(string[] expected, JsonNode? actual) =>
        Assert.Equal(expected, actual!.AsArray().Select(item => (string?)item));
}
