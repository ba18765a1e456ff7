using System.Buffers;

namespace Platform.ServiceDefaults.Tokens;

internal static class Base64UrlAlphabet
{
    /// <summary>The 64 characters of base64url (RFC 4648 §5); JWS forbids padding (RFC 7515 §2).</summary>
    public static readonly SearchValues<char> Characters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
