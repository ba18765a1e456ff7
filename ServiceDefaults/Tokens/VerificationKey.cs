using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// A public key from an issuer's JWKS and the one algorithm it verifies: an RSA key only RS256, a P-256 key only
/// ES256. That pairing is what stops algorithm confusion: a token's header cannot make an RSA public key act as
/// an HMAC secret, because HS256 is never verified with a JWKS key at all.
/// </summary>
internal abstract class VerificationKey(string keyId, string algorithm)
{
    public string KeyId { get; } = keyId;

    /// <summary>The JWS <c>alg</c> this key verifies.</summary>
    public string Algorithm { get; } = algorithm;

    /// <summary>Checks <paramref name="signature"/> over <paramref name="data"/> (the ASCII <c>header.payload</c>).</summary>
    public abstract bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}

/// <summary>
/// Instances of one key for concurrent use: .NET does not promise that one <see cref="AsymmetricAlgorithm"/>
/// instance may verify on several threads at once, so each verification rents its own. Never disposed: a key set
/// being replaced may still be verifying; the finalizers release the native handles.
/// </summary>
internal sealed class KeyInstances<T>(Func<T> create)
    where T : AsymmetricAlgorithm
{
    private readonly ConcurrentBag<T> _idle = [];

    public T Rent() => _idle.TryTake(out var key) ? key : create();

    public void Return(T key)
    {
        if (_idle.Count < Environment.ProcessorCount)
        {
            _idle.Add(key);
        }
    }
}

/// <summary>RS256: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).</summary>
internal sealed class RsaVerificationKey(string keyId, RSAParameters parameters) : VerificationKey(keyId, JwtAlgorithms.RS256)
{
    /// <summary>RFC 7518 §3.3: keys of 2048 bits or larger.</summary>
    public const int MinKeySizeInBits = 2048;

    private readonly KeyInstances<RSA> _instances = new(() => RSA.Create(parameters));

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var rsa = _instances.Rent();
        try
        {
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        finally
        {
            _instances.Return(rsa);
        }
    }
}

/// <summary>ES256: ECDSA on P-256 with SHA-256, the signature as R‖S, 32 bytes each (RFC 7518 §3.4), not DER.</summary>
internal sealed class EcVerificationKey(string keyId, ECParameters parameters) : VerificationKey(keyId, JwtAlgorithms.ES256)
{
    public const int CoordinateBytes = 32;

    private readonly KeyInstances<ECDsa> _instances = new(() => ECDsa.Create(parameters));

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 2 * CoordinateBytes)
        {
            return false;
        }

        var ecdsa = _instances.Rent();
        try
        {
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            _instances.Return(ecdsa);
        }
    }
}
