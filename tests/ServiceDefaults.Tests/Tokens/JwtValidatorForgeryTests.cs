using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.ServiceDefaults.Tokens;
using Platform.Testing.Tokens;

namespace Platform.ServiceDefaults.Tests.Tokens;

/// <summary>
/// The token attack table: each forgery starts from a token the validator accepts and changes one thing. The
/// first test is the control: the unchanged token passes, so every refusal below is the forgery's doing.
/// </summary>
public sealed class JwtValidatorForgeryTests
{
    public static TheoryData<string, JwtFailure> Forgeries => new()
    {
        { "alg none", JwtFailure.UnsupportedAlgorithm },
        { "alg none keeping the RS256 signature", JwtFailure.UnsupportedAlgorithm },
        { "alg None", JwtFailure.UnsupportedAlgorithm },
        { "HS256 signed with the RSA public key PEM", JwtFailure.UnsupportedAlgorithm },
        { "HS256 signed with the RSA public key DER", JwtFailure.UnsupportedAlgorithm },
        { "RS512", JwtFailure.UnsupportedAlgorithm },
        { "PS256", JwtFailure.UnsupportedAlgorithm },
        { "ES256 header naming the RSA key", JwtFailure.UnsupportedAlgorithm },
        { "RS256 header naming the EC key", JwtFailure.UnsupportedAlgorithm },
        { "ES256 with a DER signature", JwtFailure.BadSignature },
        { "signed by another RSA key under the same kid", JwtFailure.BadSignature },
        { "payload changed after signing", JwtFailure.BadSignature },
        { "header changed after signing", JwtFailure.BadSignature },
        { "signature truncated", JwtFailure.BadSignature },
        { "signature empty", JwtFailure.BadSignature },
        { "signature text cut mid-character", JwtFailure.Malformed },
        { "no kid", JwtFailure.UnknownKey },
        { "unknown kid", JwtFailure.UnknownKey },
        { "kid of a 1024-bit RSA key", JwtFailure.UnknownKey },
        { "embedded jwk header with its own key", JwtFailure.UnknownKey },
        { "kid not a string", JwtFailure.Malformed },
        { "no alg", JwtFailure.Malformed },
        { "crit header", JwtFailure.Malformed },
        { "duplicate alg in the header", JwtFailure.Malformed },
        { "two parts", JwtFailure.Malformed },
        { "four parts", JwtFailure.Malformed },
        { "garbage", JwtFailure.Malformed },
        { "empty", JwtFailure.Malformed },
        { "header not JSON", JwtFailure.Malformed },
        { "header a JSON array", JwtFailure.Malformed },
        { "base64 padding", JwtFailure.Malformed },
        { "standard base64 characters", JwtFailure.Malformed },
        { "whitespace inside", JwtFailure.Malformed },
        { "payload not JSON", JwtFailure.Malformed },
        { "payload a JSON array", JwtFailure.Malformed },
        { "duplicate exp in the payload", JwtFailure.Malformed },
        { "oversized", JwtFailure.TooLarge },
    };

    [Fact]
    public async Task Validate_UnchangedRs256Token_Accepted()
    {
        await using var harness = await ValidatorHarness.StartAsync();

        var result = await harness.ValidateAsync(harness.Rsa.CreateToken(harness.Claims()));

        Assert.True(result.Succeeded, result.Description);
        Assert.Equal("user-1", result.Token.Subject);
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Validate_Forgery_Refused(string forgery, JwtFailure expected)
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var token = Forge(harness, forgery);

        var result = await harness.ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Failure);
        Assert.Matches("^[a-zA-Z0-9 (),]+$", result.Description);
    }

    [Fact]
    public async Task Validate_ConfusionTokenWhileSecretsConfigured_BadSignature()
    {
        // Even where HS256 is allowed, the RSA public key is not one of its secrets.
        await using var harness = await ValidatorHarness.StartAsync();
        var parameters = new JwtValidationParameters(harness.Issuer.PublicIssuer, [ValidatorHarness.Audience],
            sharedSecrets: ["a-configured-secret-of-32-bytes-or-more"]);

        var result = await harness.ValidateAsync(TestTokens.Hs256(harness.Claims(), harness.Rsa.PublicKeyPem, "rsa-1"), parameters);

        Assert.Equal(JwtFailure.BadSignature, result.Failure);
    }

    [Fact]
    public async Task Validate_Es256Token_Accepted()
    {
        await using var harness = await ValidatorHarness.StartAsync();

        var result = await harness.ValidateAsync(harness.Ec.CreateToken(harness.Claims()));

        Assert.True(result.Succeeded, result.Description);
    }

    [Fact]
    public async Task Validate_Hs256WithConfiguredSecret_AcceptedWithoutFetchingKeys()
    {
        await using var harness = await ValidatorHarness.StartAsync();
        const string secret = "second-secret-also-at-least-32-bytes";
        var parameters = new JwtValidationParameters(harness.Issuer.PublicIssuer, [ValidatorHarness.Audience],
            sharedSecrets: ["first-secret-at-least-32-bytes-long", secret]);

        var result = await harness.ValidateAsync(TestTokens.Hs256(harness.Claims(), secret), parameters);

        Assert.True(result.Succeeded, result.Description);
        Assert.Equal(0, harness.Issuer.JwksRequests);
    }

    [Theory]
    [InlineData(true, JwtFailure.BadSignature)]
    [InlineData(false, JwtFailure.UnsupportedAlgorithm)]
    public async Task Validate_Hs256WithOtherSecret_Refused(bool secretsConfigured, JwtFailure expected)
    {
        await using var harness = await ValidatorHarness.StartAsync();
        var parameters = new JwtValidationParameters(harness.Issuer.PublicIssuer, [ValidatorHarness.Audience],
            sharedSecrets: secretsConfigured ? ["the-configured-secret-of-32-bytes!!"] : []);

        var result = await harness.ValidateAsync(TestTokens.Hs256(harness.Claims(), "an-attacker-chosen-secret-of-32-bytes"), parameters);

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public void Parameters_ShortSharedSecret_RefusedWithoutEchoingIt()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new JwtValidationParameters("https://issuer.example", sharedSecrets: ["short-secret-31-bytes-long-xxxx"]));

        Assert.Contains("31 bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://issuer.example")]
    public void Parameters_IssuerNotDiscoverableWithoutJwksUri_Refused(string issuer) =>
        Assert.Throws<ArgumentException>(() => new JwtValidationParameters(issuer));

    [Fact]
    public void Parameters_IssuerNotUrlWithJwksUri_Accepted()
    {
        var parameters = new JwtValidationParameters("urn:platform:issuer", jwksUri: new Uri("https://keys.example/jwks"));

        Assert.Equal("urn:platform:issuer", parameters.Issuer);
    }

    private static string Forge(ValidatorHarness harness, string forgery)
    {
        var claims = harness.Claims();
        var valid = harness.Rsa.CreateToken(claims);
        var parts = valid.Split('.');
        switch (forgery)
        {
            case "alg none":
                return TestTokens.AlgNone(claims, "rsa-1");
            case "alg none keeping the RS256 signature":
                return TestTokens.Encode(TestTokens.Header("none", "rsa-1")) + "." + parts[1] + "." + parts[2];
            case "alg None":
                return TestTokens.Create(TestTokens.Header("None", "rsa-1"), claims, harness.Rsa.Sign);
            case "HS256 signed with the RSA public key PEM":
                return TestTokens.Hs256(claims, harness.Rsa.PublicKeyPem, "rsa-1");
            case "HS256 signed with the RSA public key DER":
                var der = harness.Rsa.Rsa.ExportSubjectPublicKeyInfo();
                return TestTokens.Create(TestTokens.Header("HS256", "rsa-1"), claims, input => HMACSHA256.HashData(der, input));
            case "RS512":
                return TestTokens.Create(TestTokens.Header("RS512", "rsa-1"), claims,
                    input => harness.Rsa.Rsa.SignData(input, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1));
            case "PS256":
                return TestTokens.Create(TestTokens.Header("PS256", "rsa-1"), claims,
                    input => harness.Rsa.Rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
            case "ES256 header naming the RSA key":
                return TestTokens.Create(TestTokens.Header("ES256", "rsa-1"), claims, harness.Ec.Sign);
            case "RS256 header naming the EC key":
                return TestTokens.Create(TestTokens.Header("RS256", "ec-1"), claims, harness.Rsa.Sign);
            case "ES256 with a DER signature":
                return TestTokens.Create(TestTokens.Header("ES256", "ec-1"), claims, harness.Ec.SignDer);
            case "signed by another RSA key under the same kid":
                using (var other = TestSigningKey.CreateRsa("rsa-1"))
                {
                    return other.CreateToken(claims);
                }

            case "payload changed after signing":
                claims["sub"] = "admin";
                return parts[0] + "." + TestTokens.Encode(claims) + "." + parts[2];
            case "header changed after signing":
                var header = TestTokens.Header("RS256", "rsa-1");
                header["typ"] = "at+jwt";
                return TestTokens.Encode(header) + "." + parts[1] + "." + parts[2];
            case "signature truncated":
                var signature = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
                return parts[0] + "." + parts[1] + "." + System.Buffers.Text.Base64Url.EncodeToString(signature.AsSpan(0, signature.Length - 6));
            case "signature text cut mid-character":
                // A base64url text of length 4n + 1 cannot be decoded whatever its characters (a lone sixth of a byte):
                // cutting to such a length is malformed every time, not only when the last kept character's spare bits happen to be set.
                var keep = parts[2].Length - 1;
                while (keep % 4 != 1)
                {
                    keep--;
                }

                return parts[0] + "." + parts[1] + "." + parts[2][..keep];
            case "signature empty":
                return parts[0] + "." + parts[1] + ".";
            case "no kid":
                return TestTokens.Create(TestTokens.Header("RS256"), claims, harness.Rsa.Sign);
            case "unknown kid":
                return TestTokens.Create(TestTokens.Header("RS256", "rsa-unknown"), claims, harness.Rsa.Sign);
            case "kid of a 1024-bit RSA key":
                var weak = TestSigningKey.CreateRsa("rsa-weak", 1024);
                harness.Issuer.Publish(harness.Rsa, harness.Ec, weak);
                return weak.CreateToken(claims);
            case "embedded jwk header with its own key":
                using (var attacker = TestSigningKey.CreateRsa("attacker"))
                {
                    var embedded = TestTokens.Header("RS256", "attacker");
                    embedded["jwk"] = attacker.Jwk();
                    return TestTokens.Create(embedded, claims, attacker.Sign);
                }

            case "kid not a string":
                var numericKid = TestTokens.Header("RS256");
                numericKid["kid"] = 1;
                return TestTokens.Create(numericKid, claims, harness.Rsa.Sign);
            case "no alg":
                return TestTokens.Create(new JsonObject { ["kid"] = "rsa-1" }, claims, harness.Rsa.Sign);
            case "crit header":
                var critical = TestTokens.Header("RS256", "rsa-1");
                critical["crit"] = new JsonArray("exp-check");
                critical["exp-check"] = true;
                return TestTokens.Create(critical, claims, harness.Rsa.Sign);
            case "duplicate alg in the header":
                return SignRaw(harness, """{"alg":"none","kid":"rsa-1","alg":"RS256"}""", claims.ToJsonString());
            case "two parts":
                return parts[0] + "." + parts[1];
            case "four parts":
                return valid + "." + parts[2];
            case "garbage":
                return "this is not a token";
            case "empty":
                return "";
            case "header not JSON":
                return TestTokens.Encode("{alg:RS256") + "." + parts[1] + "." + parts[2];
            case "header a JSON array":
                return TestTokens.Encode("""["RS256"]""") + "." + parts[1] + "." + parts[2];
            case "base64 padding":
                return parts[0] + "==." + parts[1] + "." + parts[2];
            case "standard base64 characters":
                return parts[0] + "." + parts[1] + "." + parts[2].Replace('-', '+').Replace('_', '/') + "+/";
            case "whitespace inside":
                return parts[0] + "." + parts[1][..10] + " " + parts[1][10..] + "." + parts[2];
            case "payload not JSON":
                return SignRaw(harness, """{"alg":"RS256","kid":"rsa-1"}""", "not json");
            case "payload a JSON array":
                return SignRaw(harness, """{"alg":"RS256","kid":"rsa-1"}""", "[1,2]");
            case "duplicate exp in the payload":
                var json = claims.ToJsonString();
                return SignRaw(harness, """{"alg":"RS256","kid":"rsa-1"}""", json[..^1] + ",\"exp\":99999999999}");
            case "oversized":
                claims["padding"] = new string('x', 16 * 1024);
                return harness.Rsa.CreateToken(claims);
            default:
                throw new ArgumentOutOfRangeException(nameof(forgery), forgery, "no such forgery");
        }
    }

    private static string SignRaw(ValidatorHarness harness, string header, string payload)
    {
        var input = TestTokens.Encode(header) + "." + TestTokens.Encode(payload);
        return input + "." + System.Buffers.Text.Base64Url.EncodeToString(harness.Rsa.Sign(Encoding.ASCII.GetBytes(input)));
    }
}
