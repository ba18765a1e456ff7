using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Keys;

/// <summary>
/// An RSA key that signs (RS256) and is published in the JWKS. Its public parameters are encoded once, at
/// creation, so publishing never touches the private key; its <see cref="KeyId"/> is the RFC 7638 thumbprint.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    private const int KeySizeInBits = 2048;

    private readonly RSA _rsa;

    private SigningKey(RSA rsa, DateTimeOffset createdAt)
    {
        _rsa = rsa;
        CreatedAt = createdAt;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        Modulus = Base64Url.EncodeToString(parameters.Modulus);
        Exponent = Base64Url.EncodeToString(parameters.Exponent);
        // RFC 7638 §3.2: the required members in lexicographic order, no whitespace.
        var thumbprintInput = $$"""{"e":"{{Exponent}}","kty":"RSA","n":"{{Modulus}}"}""";
        KeyId = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprintInput)));
    }

    public string KeyId { get; }

    /// <summary>The JWK <c>n</c>: the modulus, base64url.</summary>
    public string Modulus { get; }

    /// <summary>The JWK <c>e</c>: the public exponent, base64url.</summary>
    public string Exponent { get; }

    public DateTimeOffset CreatedAt { get; }

    public static SigningKey Create(DateTimeOffset createdAt) => new(RSA.Create(KeySizeInBits), createdAt);

    /// <summary>The RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3) of <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose() => _rsa.Dispose();
}
