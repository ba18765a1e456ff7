using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Platform.Testing.Tokens;

/// <summary>A key a test signs tokens with, and its public half as a JWK for <see cref="TestIssuer"/> to publish.</summary>
public abstract class TestSigningKey : IDisposable
{
    protected TestSigningKey(string keyId, string algorithm)
    {
        KeyId = keyId;
        Algorithm = algorithm;
    }

    public string KeyId { get; }

    /// <summary>The JWS alg this key signs with (RS256, ES256).</summary>
    public string Algorithm { get; }

    /// <summary>The public key as a JWK object, with <c>kid</c>, <c>use</c> and <c>alg</c>.</summary>
    public abstract JsonObject Jwk();

    public abstract byte[] Sign(byte[] signingInput);

    /// <summary>A token with header <c>{"alg", "typ", "kid"}</c> and <paramref name="payload"/>, signed by this key.</summary>
    public string CreateToken(JsonObject payload) =>
        TestTokens.Create(TestTokens.Header(Algorithm, KeyId), payload, Sign);

    public static RsaTestKey CreateRsa(string keyId, int bits = 2048) => new(keyId, RSA.Create(bits));

    public static EcTestKey CreateEc(string keyId) => new(keyId, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    protected static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}

public sealed class RsaTestKey(string keyId, RSA rsa) : TestSigningKey(keyId, "RS256")
{
    public RSA Rsa { get; } = rsa;

    /// <summary>The public key as PEM (SubjectPublicKeyInfo): what an HS/RS confusion attacker uses as the HMAC secret.</summary>
    public string PublicKeyPem => Rsa.ExportSubjectPublicKeyInfoPem();

    public override JsonObject Jwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = Encode(parameters.Modulus!),
            ["e"] = Encode(parameters.Exponent!),
        };
    }

    public override byte[] Sign(byte[] signingInput) => Rsa.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    protected override void Dispose(bool disposing) => Rsa.Dispose();
}

public sealed class EcTestKey(string keyId, ECDsa ecdsa) : TestSigningKey(keyId, "ES256")
{
    public ECDsa Ecdsa { get; } = ecdsa;

    public override JsonObject Jwk()
    {
        var parameters = Ecdsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "EC",
            ["use"] = "sig",
            ["alg"] = "ES256",
            ["crv"] = "P-256",
            ["kid"] = KeyId,
            ["x"] = Encode(parameters.Q.X!),
            ["y"] = Encode(parameters.Q.Y!),
        };
    }

    /// <summary>The JWS form: R‖S, 64 bytes (IEEE P1363).</summary>
    public override byte[] Sign(byte[] signingInput) =>
        Ecdsa.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>The DER form some libraries produce by mistake; JWS verifiers must refuse it.</summary>
    public byte[] SignDer(byte[] signingInput) =>
        Ecdsa.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    protected override void Dispose(bool disposing) => Ecdsa.Dispose();
}
