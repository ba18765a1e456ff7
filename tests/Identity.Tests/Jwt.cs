using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Identity.Tests;

/// <summary>A JWS compact token taken apart, and its RS256 signature checked against a JWKS, by hand (RFC 7515, 7518).</summary>
internal sealed record Jwt(JsonObject Header, JsonObject Payload, string SigningInput, byte[] Signature)
{
    public string KeyId => (string)Header["kid"]!;

    public static Jwt Parse(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return new Jwt(
            JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject(),
            JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject(),
            parts[0] + "." + parts[1],
            Base64Url.DecodeFromChars(parts[2]));
    }

    /// <summary>True when the key of the JWKS named by the token's <c>kid</c> verifies its signature; false when no key has that kid.</summary>
    public bool VerifiesWith(JsonObject jwks)
    {
        var jwk = jwks["keys"]!.AsArray().Select(key => key!.AsObject()).FirstOrDefault(key => (string?)key["kid"] == KeyId);
        if (jwk is null)
        {
            return false;
        }

        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars((string)jwk["n"]!),
            Exponent = Base64Url.DecodeFromChars((string)jwk["e"]!),
        });
        return rsa.VerifyData(Encoding.ASCII.GetBytes(SigningInput), Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>The same token with one payload claim changed and the original signature: a forgery.</summary>
    public Jwt WithClaim(string name, JsonNode value)
    {
        var payload = Payload.DeepClone().AsObject();
        payload[name] = value;
        var header = SigningInput[..SigningInput.IndexOf('.', StringComparison.Ordinal)];
        return this with { Payload = payload, SigningInput = header + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) };
    }
}
