using System.Net;
using Microsoft.Extensions.Logging;
using Platform.Testing.Tokens;

namespace Platform.Gateway.Tests.Authorization.Jwt;

/// <summary>
/// The issuer's keys as the gateway fetches them: a silent or oversize issuer answers 401 (never a hang, never a
/// 5XX), a rotated key is fetched once, and made-up kids cannot make the gateway refetch within the interval.
/// </summary>
public sealed class JwtAuthorizerKeyTests
{
    [Fact]
    public async Task Request_IssuerNeverAnswers_401WithinFetchTimeoutAndWarning()
    {
        await using var gateway = await JwtGateway.StartAsync();
        gateway.Issuer.Mode = TestIssuerMode.Hang;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        using var response = await gateway.GetAsync("/me", "Bearer " + gateway.Rsa.CreateToken(gateway.Claims()));

        watch.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("the signing keys of the issuer are unavailable", Assert.Single(response.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(1400), TimeSpan.FromSeconds(10));
        Assert.Contains(gateway.App.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("JWT authorizer idp has no signing keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_OversizeJwks_401()
    {
        await using var gateway = await JwtGateway.StartAsync();
        gateway.Issuer.Mode = TestIssuerMode.OversizeJwks;

        using var response = await gateway.GetAsync("/me", "Bearer " + gateway.Rsa.CreateToken(gateway.Claims()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(gateway.App.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("larger than 150000 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_IssuerRotatesKey_OneRefetchThenAccepted()
    {
        await using var gateway = await JwtGateway.StartAsync(new Dictionary<string, string?> { ["Platform:Jwt:MinRefreshInterval"] = "00:00:00" });
        using var first = await gateway.GetAsync("/me", "Bearer " + gateway.Rsa.CreateToken(gateway.Claims()));
        using var rotated = TestSigningKey.CreateRsa("rsa-2");
        gateway.Issuer.Publish(rotated);

        using var afterRotation = await gateway.GetAsync("/me", "Bearer " + rotated.CreateToken(gateway.Claims()));
        using var again = await gateway.GetAsync("/me", "Bearer " + rotated.CreateToken(gateway.Claims()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRotation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, gateway.Issuer.JwksRequests);
    }

    [Fact]
    public async Task Request_ManyUnknownKids_NoRefetchWithinInterval()
    {
        await using var gateway = await JwtGateway.StartAsync(new Dictionary<string, string?> { ["Platform:Jwt:MinRefreshInterval"] = "01:00:00" });
        using var first = await gateway.GetAsync("/me", "Bearer " + gateway.Rsa.CreateToken(gateway.Claims()));

        for (var i = 0; i < 10; i++)
        {
            var forged = TestTokens.Create(TestTokens.Header("RS256", $"ghost-{i}"), gateway.Claims(), gateway.Rsa.Sign);
            using var response = await gateway.GetAsync("/me", "Bearer " + forged);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, gateway.Issuer.JwksRequests);
    }
}
