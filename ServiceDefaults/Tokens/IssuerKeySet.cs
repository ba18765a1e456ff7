using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// The usable signing keys of one JWKS (RFC 7517 §5), by <c>kid</c>, and when they were fetched. A key is usable
/// when it has a <c>kid</c>, is meant for signatures (<c>use</c> absent or <c>sig</c>), and is an RSA key of at
/// least 2048 bits (<c>alg</c> absent or RS256) or a P-256 key (<c>alg</c> absent or ES256). Other keys are skipped
/// and counted, never an error: a JWKS may publish encryption keys too.
/// </summary>
internal sealed class IssuerKeySet
{
    private readonly Dictionary<string, VerificationKey> _keys;

    private IssuerKeySet(Dictionary<string, VerificationKey> keys, int skipped, DateTimeOffset fetchedAt)
    {
        _keys = keys;
        Skipped = skipped;
        FetchedAt = fetchedAt;
    }

    public DateTimeOffset FetchedAt { get; }

    public int Count => _keys.Count;

    /// <summary>Keys of the set that this validator cannot use.</summary>
    public int Skipped { get; }

    public bool TryGet(string keyId, [NotNullWhen(true)] out VerificationKey? key) => _keys.TryGetValue(keyId, out key);

    /// <summary>Reads a JWKS document; throws <see cref="JwksException"/> when it is not one.</summary>
    public static IssuerKeySet Read(byte[] json, DateTimeOffset fetchedAt)
    {
        using var document = Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("keys", out var keys)
            || keys.ValueKind != JsonValueKind.Array)
        {
            throw new JwksException("the JWKS has no keys array");
        }

        var usable = new Dictionary<string, VerificationKey>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var jwk in keys.EnumerateArray())
        {
            if (TryRead(jwk) is { } key && usable.TryAdd(key.KeyId, key))
            {
                continue;
            }

            skipped++;
        }

        return new IssuerKeySet(usable, skipped, fetchedAt);
    }

    private static JsonDocument Parse(byte[] json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new JwksException("the JWKS is not valid JSON");
        }
    }

    private static VerificationKey? TryRead(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object
            || String(jwk, "kid") is not { Length: > 0 } kid
            || (String(jwk, "use") is { } use && use != "sig"))
        {
            return null;
        }

        var alg = String(jwk, "alg");
        return String(jwk, "kty") switch
        {
            "RSA" when alg is null or JwtAlgorithms.RS256 => Rsa(jwk, kid),
            "EC" when alg is null or JwtAlgorithms.ES256 => Ec(jwk, kid),
            _ => null,
        };
    }

    private static RsaVerificationKey? Rsa(JsonElement jwk, string kid)
    {
        if (Bytes(jwk, "n") is not { } modulus || Bytes(jwk, "e") is not { } exponent)
        {
            return null;
        }

        // The modulus may carry a leading zero byte; its size is what counts.
        var significant = modulus.AsSpan().TrimStart((byte)0);
        if (significant.Length * 8 < RsaVerificationKey.MinKeySizeInBits || exponent.Length is 0 or > 8)
        {
            return null;
        }

        var parameters = new RSAParameters { Modulus = significant.ToArray(), Exponent = exponent };
        return Imports(() => RSA.Create(parameters)) ? new RsaVerificationKey(kid, parameters) : null;
    }

    private static EcVerificationKey? Ec(JsonElement jwk, string kid)
    {
        if (String(jwk, "crv") != "P-256"
            || Bytes(jwk, "x") is not { Length: EcVerificationKey.CoordinateBytes } x
            || Bytes(jwk, "y") is not { Length: EcVerificationKey.CoordinateBytes } y)
        {
            return null;
        }

        var parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } };
        return Imports(() => ECDsa.Create(parameters)) ? new EcVerificationKey(kid, parameters) : null;
    }

    // A point off the curve or a malformed modulus fails on import; such a key is skipped, not fatal to the set.
    private static bool Imports(Func<AsymmetricAlgorithm> create)
    {
        try
        {
            create().Dispose();
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string? String(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Bytes(JsonElement jwk, string name) =>
        String(jwk, name) is { Length: > 0 } text && Base64UrlAlphabet.TryDecode(text, out var bytes) ? bytes : null;
}
