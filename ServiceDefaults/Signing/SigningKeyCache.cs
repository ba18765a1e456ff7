using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// Derived SigV4 signing keys per (secret, date, region, service): four HMACs saved on every request of the day.
/// Bounded because the region in a scope is whatever a client chooses; on overflow the cache starts afresh.
/// </summary>
internal sealed class SigningKeyCache
{
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<(string Secret, string Date, string Region, string Service), byte[]> _keys = new();

    public byte[] Get(string secret, string date, string region, string service)
    {
        var key = (secret, date, region, service);
        if (_keys.TryGetValue(key, out var signingKey))
        {
            return signingKey;
        }

        if (_keys.Count >= MaxEntries)
        {
            _keys.Clear();
        }

        signingKey = Derive(secret, date, region, service);
        _keys[key] = signingKey;
        return signingKey;
    }

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
    public static byte[] Derive(string secret, string date, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, SigV4Constants.Terminator);
    }

    /// <summary>The lower-case hex signature of a string to sign.</summary>
    public static string Sign(byte[] signingKey, string stringToSign) => Convert.ToHexStringLower(Hmac(signingKey, stringToSign));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
