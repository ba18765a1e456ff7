using System.Text;

namespace Platform.Functions;

/// <summary>Decoding of a proxy event body, shared by the 1.0, 2.0 and WebSocket event types.</summary>
internal static class ProxyBody
{
    public static byte[] GetBytes(string? body, bool isBase64Encoded)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        // A malformed base64 body surfaces as FormatException: the caller decides which status that is.
        return isBase64Encoded ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
    }

    public static string GetText(string? body, bool isBase64Encoded)
    {
        if (string.IsNullOrEmpty(body))
        {
            return string.Empty;
        }

        return isBase64Encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(body)) : body;
    }
}
