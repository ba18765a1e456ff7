using System.Text;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;
using Platform.Definitions;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// The request body as an event carries it: text, or base64 with <c>isBase64Encoded: true</c>; null when there is
/// none. Both forms decode to the same bytes through the contracts' <c>GetBodyBytes()</c>, so the choice only
/// decides what a function reading <c>body</c> directly sees.
/// <list type="bullet">
/// <item>REST APIs send text unless the bytes are not valid UTF-8 (AWS-REFERENCE §2.1; this model has no
/// <c>binaryMediaTypes</c>).</item>
/// <item>HTTP APIs send text only for <c>text/*</c>, <c>application/json</c>, <c>application/javascript</c> and
/// <c>application/xml</c> (AWS-REFERENCE §2.2), parameters such as <c>charset</c> allowed. Our choice where the
/// reference is silent: structured-syntax suffixes (<c>application/problem+json</c>, <c>image/svg+xml</c>) are JSON
/// and XML too, so they are text as well. A missing Content-Type and form posts are base64.</item>
/// <item>Bytes that are not valid UTF-8 are always base64, whatever the Content-Type says: as text they would be
/// corrupted.</item>
/// </list>
/// </summary>
internal static class ProxyEventBody
{
    public static (string? Body, bool IsBase64Encoded) Encode(ReadOnlySpan<byte> body, string? contentType, ApiProtocol protocol)
    {
        if (body.IsEmpty)
        {
            return (null, false);
        }

        var text = Utf8.IsValid(body) && (protocol == ApiProtocol.Rest || IsTextMediaType(contentType));
        return text ? (Encoding.UTF8.GetString(body), false) : (Convert.ToBase64String(body), true);
    }

    /// <summary>Whether an HTTP API sends a body of this Content-Type as text.</summary>
    public static bool IsTextMediaType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || !parsed.Type.HasValue || !parsed.SubType.HasValue)
        {
            return false;
        }

        var type = parsed.Type.Value;
        var subType = parsed.SubType.Value;
        if (type.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return type.Equals("application", StringComparison.OrdinalIgnoreCase)
            ? subType.Equals("json", StringComparison.OrdinalIgnoreCase)
              || subType.Equals("javascript", StringComparison.OrdinalIgnoreCase)
              || subType.Equals("xml", StringComparison.OrdinalIgnoreCase)
              || HasTextSuffix(subType)
            : HasTextSuffix(subType);
    }

    private static bool HasTextSuffix(string subType) =>
        subType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) || subType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
}
