using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.Identity.Keys;

namespace Platform.Identity.Tokens;

/// <summary>
/// Writes a JWT access token in the RFC 9068 profile (<c>typ</c> <c>at+jwt</c>), signed RS256 (JWS compact
/// serialization, RFC 7515 §7.1), with nothing but System.Text.Json and RSA.
/// </summary>
internal static class AccessTokenWriter
{
    public const string TokenType = "at+jwt";

    // The default encoder escapes '+' (as \u002B) and non-ASCII for HTML safety; a JWT segment is never HTML, and
    // the plain form keeps "at+jwt" readable to validators that compare the raw header text.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(SigningKey key, AccessTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(claims);

        var header = Json(writer =>
        {
            writer.WriteString("alg", "RS256");
            writer.WriteString("typ", TokenType);
            writer.WriteString("kid", key.KeyId);
        });
        var payload = Json(writer =>
        {
            writer.WriteString("iss", claims.Issuer);
            writer.WriteString("sub", claims.ClientId);
            writer.WriteString("aud", claims.Audience);
            writer.WriteString("client_id", claims.ClientId);
            writer.WriteString("scope", claims.Scope);
            writer.WriteNumber("iat", claims.IssuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("nbf", claims.IssuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("exp", claims.ExpiresAt.ToUnixTimeSeconds());
            writer.WriteString("jti", claims.TokenId);
        });

        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        return signingInput + "." + Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    private static byte[] Json(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
