using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Tokens;
using Platform.Testing;
using Platform.Testing.Tokens;

namespace Platform.ServiceDefaults.Tests.Tokens;

/// <summary>
/// Key discovery against a real issuer: rotation, unknown kids and the refetch rate limit, shared fetches, fetch
/// timeouts and size limits, failing issuers, stale keys, service discovery and configured JWKS URIs.
/// </summary>
public sealed class JwtValidatorKeyTests
{
    private static readonly TimeSpan PastRefreshInterval = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Validate_FirstToken_DiscoversAndFetchesOnceThenUsesCachedKeys()
    {
        await using var harness = await ValidatorHarness.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            var claims = harness.Claims();
            claims["jti"] = i;
            Assert.True((await harness.ValidateAsync(harness.Rsa.CreateToken(claims))).Succeeded);
        }

        Assert.Equal(1, harness.Issuer.DiscoveryRequests);
        Assert.Equal(1, harness.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Validate_TokenOfRotatedKey_OneRefetchThenAccepted()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        Assert.True((await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()))).Succeeded);
        using var rotated = TestSigningKey.CreateRsa("rsa-2");
        harness.Issuer.Publish(rotated, harness.Rsa);
        harness.Clock.Advance(PastRefreshInterval);

        var first = await harness.ValidateAsync(rotated.CreateToken(harness.Claims()));
        var second = await harness.ValidateAsync(rotated.CreateToken(harness.Claims()));

        Assert.True(first.Succeeded, first.Description);
        Assert.True(second.Succeeded, second.Description);
        Assert.Equal(2, harness.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Validate_UnknownKids_RefetchAtMostOncePerInterval()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        Assert.True((await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()))).Succeeded);
        harness.Clock.Advance(PastRefreshInterval);

        var results = new List<JwtValidationResult>();
        for (var i = 0; i < 10; i++)
        {
            var forged = TestTokens.Create(TestTokens.Header("RS256", $"ghost-{i}"), harness.Claims(), harness.Rsa.Sign);
            results.Add(await harness.ValidateAsync(forged));
        }

        Assert.All(results, r => Assert.Equal(JwtFailure.UnknownKey, r.Failure));
        Assert.Equal(2, harness.Issuer.JwksRequests);

        harness.Clock.Advance(PastRefreshInterval);
        var later = await harness.ValidateAsync(TestTokens.Create(TestTokens.Header("RS256", "ghost-later"), harness.Claims(), harness.Rsa.Sign));

        Assert.Equal(JwtFailure.UnknownKey, later.Failure);
        Assert.Equal(3, harness.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Validate_RotationWithinRefreshInterval_RefusedWithoutFetching()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        Assert.True((await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()))).Succeeded);
        using var rotated = TestSigningKey.CreateRsa("rsa-2");
        harness.Issuer.Publish(rotated);

        var result = await harness.ValidateAsync(rotated.CreateToken(harness.Claims()));

        Assert.Equal(JwtFailure.UnknownKey, result.Failure);
        Assert.Equal(1, harness.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Validate_ConcurrentFirstTokens_ShareOneFetch()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var hold = harness.Issuer.Hold();
        var validations = Enumerable.Range(0, 20).Select(i =>
        {
            var claims = harness.Claims();
            claims["jti"] = i;
            return harness.ValidateAsync(harness.Rsa.CreateToken(claims));
        }).ToList();

        Assert.Equal(TestIssuer.DiscoveryPath, await harness.Issuer.Requests.ReadAsync().AsTask().WaitAsync(TestHost.Timeout));
        hold.Dispose();
        var results = await Task.WhenAll(validations).WaitAsync(TestHost.Timeout);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Description));
        Assert.Equal(1, harness.Issuer.DiscoveryRequests);
        Assert.Equal(1, harness.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Validate_IssuerNeverAnswers_KeysUnavailableAfterFetchTimeout()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        harness.Issuer.Mode = TestIssuerMode.Hang;
        var watch = Stopwatch.StartNew();

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()));

        watch.Stop();
        Assert.Equal(JwtFailure.KeysUnavailable, result.Failure);
        // The default 1.5 s timeout ended the wait: not before it, and long before a hang would.
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(1400), TimeSpan.FromSeconds(10));
        Assert.Contains(harness.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("did not arrive within 1500 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_OversizeJwks_KeysUnavailable()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        harness.Issuer.Mode = TestIssuerMode.OversizeJwks;

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()));

        Assert.Equal(JwtFailure.KeysUnavailable, result.Failure);
        Assert.Contains(harness.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("larger than 150000 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_JwksJustUnderLimit_Accepted()
    {
        await using var harness = await ValidatorHarness.StartAsync(options => options.MaxDocumentBytes = 4096);
        var jwks = new System.Text.Json.Nodes.JsonObject { ["keys"] = new System.Text.Json.Nodes.JsonArray(harness.Rsa.Jwk()) }.ToJsonString();
        harness.Issuer.PublishJson(jwks.PadRight(4096));

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()));

        Assert.True(result.Succeeded, result.Description);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"keys": "none"}""")]
    [InlineData("""[]""")]
    public async Task Validate_JwksNotAKeySet_KeysUnavailable(string jwks)
    {
        await using var harness = await ValidatorHarness.StartAsync();
        harness.Issuer.PublishJson(jwks);

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()));

        Assert.Equal(JwtFailure.KeysUnavailable, result.Failure);
    }

    [Fact]
    public async Task Validate_JwksWithUnusableKeys_UsableOnesStillServe()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        using var noKid = TestSigningKey.CreateRsa("no-kid");
        using var encryption = TestSigningKey.CreateRsa("enc");
        var noKidJwk = noKid.Jwk();
        noKidJwk.Remove("kid");
        var encryptionJwk = encryption.Jwk();
        encryptionJwk["use"] = "enc";
        var p384 = harness.Ec.Jwk();
        p384["kid"] = "p384";
        p384["crv"] = "P-384";
        var badModulus = harness.Rsa.Jwk();
        badModulus["kid"] = "bad-n";
        badModulus["n"] = "***";
        harness.Issuer.PublishJson(new System.Text.Json.Nodes.JsonObject
        {
            ["keys"] = new System.Text.Json.Nodes.JsonArray(
                System.Text.Json.Nodes.JsonNode.Parse("""{"kty":"oct","kid":"hmac","k":"c2VjcmV0"}"""),
                noKidJwk, encryptionJwk, p384, badModulus, "not an object", harness.Rsa.Jwk()),
        }.ToJsonString());

        var accepted = await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()));
        var encrypted = await harness.ValidateAsync(encryption.CreateToken(harness.Claims()));

        Assert.True(accepted.Succeeded, accepted.Description);
        Assert.Equal(JwtFailure.UnknownKey, encrypted.Failure);
        Assert.Contains(harness.Logs, l => l.Message.Contains("1 usable, 6 skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_IssuerFailsAfterFirstFetch_CachedKeysStillServe()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        Assert.True((await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()))).Succeeded);
        harness.Issuer.Mode = TestIssuerMode.Fail;
        harness.Clock.Advance(PastRefreshInterval);

        var unknown = await harness.ValidateAsync(TestTokens.Create(TestTokens.Header("RS256", "ghost"), harness.Claims(), harness.Rsa.Sign));
        var known = await harness.ValidateAsync(harness.Ec.CreateToken(harness.Claims()));

        Assert.Equal(JwtFailure.UnknownKey, unknown.Failure);
        Assert.True(known.Succeeded, known.Description);
        Assert.Contains(harness.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("answered 500", StringComparison.Ordinal)
            && l.Message.Contains("Still using the keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_KeysOlderThanCacheDuration_ServedWhileRefreshedInBackground()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        Assert.True((await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()))).Succeeded);
        Assert.Equal(TestIssuer.DiscoveryPath, await harness.Issuer.Requests.ReadAsync().AsTask().WaitAsync(TestHost.Timeout));
        Assert.Equal(TestIssuer.JwksPath, await harness.Issuer.Requests.ReadAsync().AsTask().WaitAsync(TestHost.Timeout));
        using var rotated = TestSigningKey.CreateRsa("rsa-2");
        harness.Issuer.Publish(rotated);
        harness.Clock.Advance(TimeSpan.FromHours(1));
        var hold = harness.Issuer.Hold();

        // The refresh is held at the issuer, yet the stale key still verifies: nobody waits on the refresh.
        var stale = await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()));
        Assert.Equal(TestIssuer.DiscoveryPath, await harness.Issuer.Requests.ReadAsync().AsTask().WaitAsync(TestHost.Timeout));
        hold.Dispose();
        Assert.Equal(TestIssuer.JwksPath, await harness.Issuer.Requests.ReadAsync().AsTask().WaitAsync(TestHost.Timeout));
        // Joins the refresh if it is still storing the keys, else finds them stored.
        var fresh = await harness.ValidateAsync(rotated.CreateToken(harness.Claims()));

        Assert.True(stale.Succeeded, stale.Description);
        Assert.True(fresh.Succeeded, fresh.Description);
        Assert.Equal(2, harness.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Validate_IssuerUnreachable_KeysUnavailableAndLogged()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var closed = $"http://127.0.0.1:{FreePort.Next()}";
        var claims = harness.Claims();
        claims["iss"] = closed;

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims), new JwtValidationParameters(closed, [ValidatorHarness.Audience]));

        Assert.Equal(JwtFailure.KeysUnavailable, result.Failure);
        Assert.Contains(harness.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("could not be fetched", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_IssuerIsServiceName_ResolvedThroughServiceDiscovery()
    {
        await using var harness = await ValidatorHarness.StartAsync(settings: address => new Dictionary<string, string?>
        {
            ["services:identity:http:0"] = address.GetLeftPart(UriPartial.Authority),
        });
        harness.Issuer.PublicIssuer = "http://identity";
        var claims = TestTokens.Claims("http://identity", ValidatorHarness.Audience, harness.Clock.Now);

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims), new JwtValidationParameters("http://identity", [ValidatorHarness.Audience]));

        Assert.True(result.Succeeded, result.Description);
        Assert.Equal(1, harness.Issuer.DiscoveryRequests);
        Assert.Equal(1, harness.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Validate_ConfiguredJwksUri_NoDiscovery()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var claims = harness.Claims();
        claims["iss"] = "urn:platform:test";
        var parameters = new JwtValidationParameters("urn:platform:test", [ValidatorHarness.Audience], jwksUri: new Uri(harness.Issuer.Address, "jwks"));

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(claims), parameters);

        Assert.True(result.Succeeded, result.Description);
        Assert.Equal(0, harness.Issuer.DiscoveryRequests);
        Assert.Equal(1, harness.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Validate_TwoParameterSetsOfOneIssuer_ShareTheKeys()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var other = new JwtValidationParameters(harness.Issuer.PublicIssuer, [ValidatorHarness.Audience], clockSkew: TimeSpan.FromSeconds(5));

        Assert.True((await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()))).Succeeded);
        Assert.True((await harness.ValidateAsync(harness.Ec.CreateToken(harness.Claims()), other)).Succeeded);

        Assert.Equal(1, harness.Issuer.JwksRequests);
    }
}
