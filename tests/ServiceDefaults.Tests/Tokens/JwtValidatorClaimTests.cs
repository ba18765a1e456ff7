using System.Text.Json.Nodes;
using Platform.ServiceDefaults.Tokens;
using Platform.Testing.Tokens;

namespace Platform.ServiceDefaults.Tests.Tokens;

/// <summary>Claims checks (iss, aud/client_id, exp, nbf, iat with skew), claim rendering, scopes and the token cache.</summary>
public sealed class JwtValidatorClaimTests
{
    [Theory]
    [InlineData("exp", -1, 0, JwtFailure.Expired)]
    [InlineData("exp", 0, 0, JwtFailure.Expired)]
    [InlineData("exp", -30, 60, null)]
    [InlineData("exp", -61, 60, JwtFailure.Expired)]
    [InlineData("nbf", 1, 0, JwtFailure.NotYetValid)]
    [InlineData("nbf", 0, 0, null)]
    [InlineData("nbf", 30, 60, null)]
    [InlineData("iat", 1, 0, JwtFailure.NotYetValid)]
    [InlineData("iat", 30, 60, null)]
    [InlineData("iat", 61, 60, JwtFailure.NotYetValid)]
    public async Task Validate_TimeClaimRelativeToNow_CheckedWithSkew(string claim, int secondsFromNow, int skewSeconds, JwtFailure? expected)
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims[claim] = harness.Clock.Now.ToUnixTimeSeconds() + secondsFromNow;
        var parameters = new JwtValidationParameters(harness.Issuer.PublicIssuer, [ValidatorHarness.Audience], clockSkew: TimeSpan.FromSeconds(skewSeconds));

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims), parameters);

        Assert.Equal(expected, result.Failure);
    }

    [Theory]
    [InlineData("exp", "\"1999999999\"", JwtFailure.InvalidClaim)]
    [InlineData("nbf", "true", JwtFailure.InvalidClaim)]
    [InlineData("iss", "1", JwtFailure.InvalidClaim)]
    [InlineData("aud", "7", JwtFailure.InvalidClaim)]
    [InlineData("aud", "[\"platform\", 7]", JwtFailure.InvalidClaim)]
    [InlineData("sub", "{\"id\":1}", JwtFailure.InvalidClaim)]
    public async Task Validate_RegisteredClaimOfWrongType_Refused(string claim, string json, JwtFailure expected)
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims[claim] = JsonNode.Parse(json);

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims));

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public async Task Validate_NoExp_Refused()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims.Remove("exp");

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims));

        Assert.Equal(JwtFailure.InvalidClaim, result.Failure);
        Assert.Equal("the token has no exp", result.Description);
    }

    [Theory]
    [InlineData("https://someone-else.example")]
    [InlineData("{issuer}/")]
    [InlineData("{ISSUER}")]
    [InlineData(null)]
    public async Task Validate_IssuerNotExactlyConfigured_WrongIssuer(string? issuer)
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims.Remove("iss");
        if (issuer is not null)
        {
            claims["iss"] = issuer.Replace("{issuer}", harness.Issuer.PublicIssuer, StringComparison.Ordinal)
                .Replace("{ISSUER}", harness.Issuer.PublicIssuer.ToUpperInvariant(), StringComparison.Ordinal);
        }

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims));

        Assert.Equal(JwtFailure.WrongIssuer, result.Failure);
    }

    [Theory]
    [InlineData("\"platform\"", null, null)]
    [InlineData("[\"other\", \"platform\"]", null, null)]
    [InlineData("\"other\"", null, JwtFailure.WrongAudience)]
    [InlineData("[]", null, JwtFailure.WrongAudience)]
    [InlineData(null, "platform", null)]
    [InlineData("\"other\"", "platform", JwtFailure.WrongAudience)]
    [InlineData("[]", "platform", JwtFailure.WrongAudience)]
    [InlineData("\"platform\"", "other", null)]
    [InlineData(null, "other", JwtFailure.WrongAudience)]
    [InlineData(null, null, JwtFailure.WrongAudience)]
    [InlineData("\"PLATFORM\"", null, JwtFailure.WrongAudience)]
    public async Task Validate_AudElseClientId_MatchesOneAudience(string? aud, string? clientId, JwtFailure? expected)
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims.Remove("aud");
        if (aud is not null)
        {
            claims["aud"] = JsonNode.Parse(aud);
        }

        if (clientId is not null)
        {
            claims["client_id"] = clientId;
        }

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims));

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public async Task Validate_NoAudiencesConfigured_AnyAudienceAccepted()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims["aud"] = "whatever";

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims), new JwtValidationParameters(harness.Issuer.PublicIssuer));

        Assert.True(result.Succeeded, result.Description);
    }

    [Fact]
    public async Task Validate_EveryClaimKind_RenderedAsApiGatewayRendersClaims()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims["count"] = 42;
        claims["ratio"] = JsonNode.Parse("1.50");
        claims["huge"] = JsonNode.Parse("12345678901234567890");
        claims["admin"] = true;
        claims["guest"] = false;
        claims["groups"] = new JsonArray("a", "b", "c");
        claims["mixed"] = JsonNode.Parse("""["x", 1, true, {"k":"v"}, ["n"]]""");
        claims["empty"] = new JsonArray();
        claims["address"] = JsonNode.Parse("""{"city": "Paris", "zip": 75001}""");
        claims["nothing"] = null;
        claims["text"] = "with \"quotes\" and é";

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims));

        Assert.True(result.Succeeded, result.Description);
        var rendered = result.Token.Claims;
        Assert.Equal("42", rendered["count"]);
        Assert.Equal("1.50", rendered["ratio"]);
        Assert.Equal("12345678901234567890", rendered["huge"]);
        Assert.Equal("true", rendered["admin"]);
        Assert.Equal("false", rendered["guest"]);
        Assert.Equal("[a b c]", rendered["groups"]);
        Assert.Equal("""[x 1 true {"k":"v"} [n]]""", rendered["mixed"]);
        Assert.Equal("[]", rendered["empty"]);
        Assert.Equal("""{"city":"Paris","zip":75001}""", rendered["address"]);
        Assert.Equal("null", rendered["nothing"]);
        Assert.Equal("with \"quotes\" and é", rendered["text"]);
        Assert.Equal(harness.Issuer.PublicIssuer, rendered["iss"]);
        Assert.Equal(claims["exp"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), rendered["exp"]);
        Assert.Null(result.Token.Scopes);
    }

    [Theory]
    [InlineData("scope", "\"orders:read  orders:write\"", "orders:read,orders:write")]
    [InlineData("scp", "[\"orders:read\", \"orders:write\"]", "orders:read,orders:write")]
    [InlineData("scp", "\"orders:read orders:write\"", "orders:read,orders:write")]
    [InlineData("scope", "\"\"", "")]
    [InlineData("scp", "[]", "")]
    public async Task Validate_ScopeOrScp_ReadAsScopes(string claim, string json, string expected)
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims[claim] = JsonNode.Parse(json);

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims));

        Assert.True(result.Succeeded, result.Description);
        Assert.Equal(expected, string.Join(',', result.Token.Scopes!));
    }

    [Fact]
    public async Task Validate_ScopeAndScp_ScopeWins()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims["scope"] = "a b";
        claims["scp"] = new JsonArray("c");

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims));

        Assert.Equal("a b", string.Join(' ', result.Token!.Scopes!));
    }

    [Fact]
    public async Task Validate_SameTokenTwice_SecondFromCacheWithSameClaims()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var token = harness.Rsa.CreateToken(harness.Claims());

        var first = await harness.ValidateAsync(token);
        var second = await harness.ValidateAsync(token);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Same(first.Token, second.Token);
        Assert.Equal(1, harness.Validator.CachedTokenCount);
    }

    [Fact]
    public async Task Validate_CachedTokenAfterExp_ExpiredAndDropped()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var token = harness.Rsa.CreateToken(harness.Claims());
        Assert.True((await harness.ValidateAsync(token)).Succeeded);

        harness.Clock.Advance(TimeSpan.FromHours(1));
        var result = await harness.ValidateAsync(token);

        Assert.Equal(JwtFailure.Expired, result.Failure);
        Assert.Equal(0, harness.Validator.CachedTokenCount);
    }

    [Fact]
    public async Task Validate_CachedTokenUnderOtherParameters_CheckedAgainstThoseParameters()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var token = harness.Rsa.CreateToken(harness.Claims());
        Assert.True((await harness.ValidateAsync(token)).Succeeded);

        var otherAudience = new JwtValidationParameters(harness.Issuer.PublicIssuer, ["billing"]);
        var result = await harness.ValidateAsync(token, otherAudience);

        Assert.Equal(JwtFailure.WrongAudience, result.Failure);
    }

    [Fact]
    public async Task Validate_MoreTokensThanCacheSize_CacheStaysBounded()
    {
        await using var harness = await ValidatorHarness.StartAsync(options => options.TokenCacheSize = 4);

        for (var i = 0; i < 20; i++)
        {
            var claims = harness.Claims();
            claims["jti"] = i;
            Assert.True((await harness.ValidateAsync(harness.Rsa.CreateToken(claims))).Succeeded);
            Assert.InRange(harness.Validator.CachedTokenCount, 1, 4);
        }
    }

    [Fact]
    public async Task Validate_CacheTurnedOff_EveryUseVerified()
    {
        await using var harness = await ValidatorHarness.StartAsync(options => options.TokenCacheSize = 0);
        var token = harness.Rsa.CreateToken(harness.Claims());

        Assert.False((await harness.ValidateAsync(token)).FromCache);
        Assert.False((await harness.ValidateAsync(token)).FromCache);
        Assert.Equal(0, harness.Validator.CachedTokenCount);
    }
}
