using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>Strict base64url (RFC 4648 §5) as JWS uses it: no padding, no whitespace (RFC 7515 §2).</summary>
internal static class Base64UrlAlphabet
{
    private static readonly SearchValues<char> Characters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>
    /// Decodes <paramref name="text"/>, refusing what .NET's decoder would tolerate (padding, whitespace) and what it
    /// would throw on (a length or final character no encoder produces).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.ContainsAnyExcept(Characters))
        {
            return false;
        }

        var decoded = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, decoded, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        bytes = written == decoded.Length ? decoded : decoded[..written];
        return true;
    }
}
