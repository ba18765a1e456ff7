using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Testing.Tokens;

/// <summary>Builds JWS compact tokens for tests: well-formed ones, and every kind of forgery.</summary>
public static class TestTokens
{
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Header(string alg, string? kid = null)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    /// <summary>A payload with iss, sub, aud, iat, nbf and exp (<paramref name="now"/> + <paramref name="lifetime"/>).</summary>
    public static JsonObject Claims(string issuer, string audience, DateTimeOffset now, TimeSpan? lifetime = null, string subject = "user-1")
    {
        var issuedAt = now.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = subject,
            ["aud"] = audience,
            ["iat"] = issuedAt,
            ["nbf"] = issuedAt,
            ["exp"] = (now + (lifetime ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(),
        };
    }

    /// <summary><c>base64url(header).base64url(payload).base64url(sign(signing input))</c>.</summary>
    public static string Create(JsonObject header, JsonObject payload, Func<byte[], byte[]> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var signingInput = Encode(header) + "." + Encode(payload);
        return signingInput + "." + Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>An HS256 token whose HMAC key is <paramref name="secret"/>'s UTF-8 bytes.</summary>
    public static string Hs256(JsonObject payload, string secret, string? kid = null) =>
        Create(Header("HS256", kid), payload, input => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), input));

    /// <summary>An unsigned token (<c>alg: none</c>, empty signature).</summary>
    public static string AlgNone(JsonObject payload, string? kid = null) =>
        Encode(Header("none", kid)) + "." + Encode(payload) + ".";

    public static string Encode(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString(Plain)));
    }

    public static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
