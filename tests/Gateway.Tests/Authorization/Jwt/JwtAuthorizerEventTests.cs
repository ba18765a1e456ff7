using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Authorization.Jwt;

/// <summary>A JWT caller's claims and scopes as functions receive them: payload 2.0 <c>authorizer.jwt</c>, payload 1.0 <c>authorizer.claims</c>.</summary>
public sealed class JwtAuthorizerEventTests
{
    [Fact]
    public async Task Request_PayloadV2_ClaimsRenderedAsStringsWithScopes()
    {
        await using var echo = await EventEchoHost.StartAsync();
        await using var gateway = await JwtGateway.StartAsync(echo: echo.Address);
        var claims = RichClaims(gateway);

        using var response = await gateway.GetAsync("/event/v2", "Bearer " + gateway.Rsa.CreateToken(claims));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var @event = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        var jwt = @event.RootElement.GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt");
        AssertRendered(jwt.GetProperty("claims"), claims);
        Assert.Equal("""["orders:read","profile"]""", jwt.GetProperty("scopes").GetRawText());
    }

    [Fact]
    public async Task Request_PayloadV1_ClaimsAndScopesUnderAuthorizer()
    {
        await using var echo = await EventEchoHost.StartAsync();
        await using var gateway = await JwtGateway.StartAsync(echo: echo.Address);
        var claims = RichClaims(gateway);

        using var response = await gateway.GetAsync("/event/v1", "Bearer " + gateway.Rsa.CreateToken(claims));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var @event = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        var authorizer = @event.RootElement.GetProperty("requestContext").GetProperty("authorizer");
        AssertRendered(authorizer.GetProperty("claims"), claims);
        Assert.Equal("""["orders:read","profile"]""", authorizer.GetProperty("scopes").GetRawText());
    }

    [Fact]
    public async Task Request_PayloadV2WithoutScopes_ScopesNull()
    {
        await using var echo = await EventEchoHost.StartAsync();
        await using var gateway = await JwtGateway.StartAsync(echo: echo.Address);

        using var response = await gateway.GetAsync("/event/v2", "Bearer " + gateway.Rsa.CreateToken(gateway.Claims()));

        using var @event = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        var jwt = @event.RootElement.GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt");
        Assert.Equal(JsonValueKind.Null, jwt.TryGetProperty("scopes", out var scopes) ? scopes.ValueKind : JsonValueKind.Null);
        Assert.Equal("user-1", jwt.GetProperty("claims").GetProperty("sub").GetString());
    }

    private static JsonObject RichClaims(JwtGateway gateway)
    {
        var claims = gateway.Claims();
        claims["scope"] = "orders:read profile";
        claims["groups"] = new JsonArray("admins", "devs");
        claims["level"] = 3;
        claims["verified"] = true;
        claims["address"] = JsonNode.Parse("""{"city":"Oslo"}""");
        return claims;
    }

    private static void AssertRendered(JsonElement rendered, JsonObject claims)
    {
        Assert.All(rendered.EnumerateObject(), claim => Assert.Equal(JsonValueKind.String, claim.Value.ValueKind));
        Assert.Equal("user-1", rendered.GetProperty("sub").GetString());
        Assert.Equal("[admins devs]", rendered.GetProperty("groups").GetString());
        Assert.Equal("3", rendered.GetProperty("level").GetString());
        Assert.Equal("true", rendered.GetProperty("verified").GetString());
        Assert.Equal("""{"city":"Oslo"}""", rendered.GetProperty("address").GetString());
        Assert.Equal("orders:read profile", rendered.GetProperty("scope").GetString());
        Assert.Equal(claims["exp"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), rendered.GetProperty("exp").GetString());
        Assert.Equal(JwtGateway.Audience, rendered.GetProperty("aud").GetString());
    }
}
