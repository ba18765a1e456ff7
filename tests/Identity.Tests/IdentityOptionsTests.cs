using System.Net;

namespace Platform.Identity.Tests;

/// <summary>The Identity section: custom clients, issuer and audience bind; a bad section stops the start naming every key.</summary>
public sealed class IdentityOptionsTests
{
    private static readonly Dictionary<string, string?> CustomSettings = new()
    {
        ["Identity:Issuer"] = "https://id.example.test/dev/",
        ["Identity:Audience"] = "reports-api",
        ["Identity:TokenLifetime"] = "00:05:00",
        ["Identity:Clients:0:ClientId"] = "reports",
        ["Identity:Clients:0:ClientSecret"] = "s3cret:with+symbols/=",
        ["Identity:Clients:0:Scopes:0"] = "reports:read",
        ["Identity:Clients:0:Scopes:1"] = "reports:export",
        ["Identity:Clients:1:ClientId"] = "auditor",
        ["Identity:Clients:1:ClientSecret"] = "audit",
        ["Identity:Clients:1:Scopes:0"] = "audit",
    };

    [Fact]
    public async Task Options_CustomClient_GetsItsScopesByBasicAndForm()
    {
        // Arrange
        await using var app = IdentityApp.Start(CustomSettings);

        // Act: the secret holds ':', '+', '/' and '=', which Basic carries form-encoded and the form percent-encoded.
        var byBasic = await app.Client.GetTokenAsync(clientId: "reports", secret: "s3cret:with+symbols/=");
        using var byForm = await app.Client.PostTokenAsync(
            "grant_type=client_credentials&client_id=reports&client_secret=s3cret%3Awith%2Bsymbols%2F%3D&scope=reports:export");

        // Assert
        Assert.Equal("reports:read reports:export", (string?)byBasic["scope"]);
        Assert.Equal(300, (int)byBasic["expires_in"]!);
        Assert.Equal(HttpStatusCode.OK, byForm.StatusCode);
        Assert.Equal("reports:export", (string?)(await byForm.ReadJsonAsync())["scope"]);
    }

    [Fact]
    public async Task Options_CustomIssuerAndAudience_AreInTheTokenAndEveryDiscoveryUrl()
    {
        // Arrange
        await using var app = IdentityApp.Start(CustomSettings);

        // Act
        var document = await app.Client.GetJsonAsync("/.well-known/openid-configuration");
        var token = Jwt.Parse((string)(await app.Client.GetTokenAsync(clientId: "auditor", secret: "audit"))["access_token"]!);

        // Assert: the trailing slash is not part of the issuer; the scopes are every client's, sorted.
        Assert.Equal("https://id.example.test/dev", (string?)document["issuer"]);
        Assert.Equal("https://id.example.test/dev/.well-known/jwks.json", (string?)document["jwks_uri"]);
        Assert.Equal("https://id.example.test/dev/connect/token", (string?)document["token_endpoint"]);
        Assert.Equal(["audit", "reports:export", "reports:read"], document["scopes_supported"]!.AsArray().Select(scope => (string?)scope));
        Assert.Equal("https://id.example.test/dev", (string?)token.Payload["iss"]);
        Assert.Equal("reports-api", (string?)token.Payload["aud"]);
        Assert.Equal("auditor", (string?)token.Payload["sub"]);
        Assert.Equal(300, (long)token.Payload["exp"]! - (long)token.Payload["iat"]!);
    }

    [Fact]
    public async Task Options_CustomClients_ReplaceTheDevelopmentClient()
    {
        // Arrange
        await using var app = IdentityApp.Start(CustomSettings);

        // Act
        using var response = await app.Client.PostTokenAsync("grant_type=client_credentials", TokenRequests.Basic("platform-dev", "platform-dev-secret"));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Identity:Issuer", "not a url", "Identity:Issuer")]
    [InlineData("Identity:Issuer", "ftp://id.example.test", "Identity:Issuer")]
    [InlineData("Identity:Issuer", "https://id.example.test/?tenant=1", "Identity:Issuer")]
    [InlineData("Identity:Audience", " ", "Identity:Audience")]
    [InlineData("Identity:TokenLifetime", "00:00:00", "Identity:TokenLifetime")]
    [InlineData("Identity:KeyRotation", "-00:01:00", "Identity:KeyRotation")]
    [InlineData("Identity:Clients:0:Scopes:0", "bad scope", "Identity:Clients:0:Scopes:0")]
    [InlineData("Identity:Clients:0:ClientSecret", "", "Identity:Clients:0:ClientSecret")]
    [InlineData("Identity:Clients:1:ClientId", "reports", "Identity:Clients:1:ClientId")]
    public void Start_InvalidSetting_FailsNamingTheKey(string key, string value, string named)
    {
        // Arrange
        var settings = new Dictionary<string, string?>(CustomSettings) { [key] = value };
        using var factory = IdentityApp.Configure(settings);

        // Act
        var error = Record.Exception(() => factory.CreateClient());

        // Assert
        Assert.NotNull(error);
        Assert.True(MessagesOf(error).Contains(named, StringComparison.Ordinal), error.ToString());
    }

    [Fact]
    public void Start_SeveralInvalidSettings_ReportsEveryOne()
    {
        // Arrange: a client with nothing but an id, and a bad lifetime.
        using var factory = IdentityApp.Configure(new Dictionary<string, string?>
        {
            ["Identity:TokenLifetime"] = "00:00:00",
            ["Identity:Clients:0:ClientId"] = "lonely",
        });

        // Act
        var messages = MessagesOf(Record.Exception(() => factory.CreateClient())!);

        // Assert
        Assert.Contains("Identity:TokenLifetime", messages, StringComparison.Ordinal);
        Assert.Contains("Identity:Clients:0:ClientSecret", messages, StringComparison.Ordinal);
        Assert.Contains("Identity:Clients:0:Scopes", messages, StringComparison.Ordinal);
    }

    private static string MessagesOf(Exception error)
    {
        var messages = new List<string>();
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
