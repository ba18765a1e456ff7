using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// A JWS in compact serialization (RFC 7515 §7.1), split and decoded but not yet trusted: the protected header's
/// <c>alg</c> and <c>kid</c>, the payload bytes and the signature bytes. Parsing is strict: exactly three parts,
/// base64url without padding or whitespace, header and payload JSON objects without duplicate members, and no
/// <c>crit</c> header (RFC 7515 §4.1.11: a recipient that does not understand a critical extension must refuse).
/// Header members that point at keys (<c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>) are ignored: keys come only
/// from the configured issuer or secrets.
/// </summary>
internal sealed class JwsToken
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    private JwsToken(string algorithm, string? keyId, byte[] payload, byte[] signature, int signingInputLength)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        Payload = payload;
        Signature = signature;
        SigningInputLength = signingInputLength;
    }

    public string Algorithm { get; }

    public string? KeyId { get; }

    /// <summary>The decoded payload: UTF-8 (JSON, checked only once the signature holds).</summary>
    public byte[] Payload { get; }

    public byte[] Signature { get; }

    /// <summary>The length of <c>header.payload</c>, the signed part of the token text.</summary>
    public int SigningInputLength { get; }

    public static bool TryParse(string token, [NotNullWhen(true)] out JwsToken? jws, [NotNullWhen(false)] out string? problem)
    {
        jws = null;
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            problem = "the token does not have three parts";
            return false;
        }

        if (!TryDecode(token.AsSpan(0, first), out var header)
            || !TryDecode(token.AsSpan(first + 1, second - first - 1), out var payload)
            || !TryDecode(token.AsSpan(second + 1), out var signature, allowEmpty: true))
        {
            problem = "the token is not base64url encoded";
            return false;
        }

        if (!TryReadHeader(header, out var algorithm, out var keyId, out problem))
        {
            return false;
        }

        jws = new JwsToken(algorithm, keyId, payload, signature, second);
        return true;
    }

    /// <summary>Parses <paramref name="json"/> with the rules tokens are held to (no duplicate members).</summary>
    public static JsonDocument ParseStrict(byte[] json) => JsonDocument.Parse(json, StrictJson);

    private static bool TryReadHeader(byte[] header, [NotNullWhen(true)] out string? algorithm, out string? keyId, [NotNullWhen(false)] out string? problem)
    {
        algorithm = null;
        keyId = null;
        try
        {
            using var document = ParseStrict(header);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the token header is not a JSON object";
                return false;
            }

            if (root.TryGetProperty("crit", out _))
            {
                problem = "the token header has crit extensions, which are not supported";
                return false;
            }

            if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
            {
                problem = "the token header has no alg";
                return false;
            }

            if (root.TryGetProperty("kid", out var kid))
            {
                if (kid.ValueKind != JsonValueKind.String)
                {
                    problem = "the token header kid is not a string";
                    return false;
                }

                keyId = kid.GetString();
            }

            algorithm = alg.GetString()!;
            problem = null;
            return true;
        }
        catch (JsonException)
        {
            problem = "the token header is not valid JSON";
            return false;
        }
    }

    // Base64Url's decoder skips whitespace and tolerates padding; the JWS alphabet is checked first so neither passes.
    // An empty signature is read as such, so that an unsigned (alg "none") token is refused for its alg.
    private static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes, bool allowEmpty = false)
    {
        bytes = null;
        return (!text.IsEmpty || allowEmpty) && Base64UrlAlphabet.TryDecode(text, out bytes);
    }
}
