using Platform.Definitions.Templates;

namespace Platform.Gateway.Pipeline;

/// <summary>The two request ids AWS gives each request: a UUID and a short base64 id like <c>J7jk9g-7oAMEJGw=</c>.</summary>
internal static class RequestIds
{
    public static string NewRequestId() => Guid.NewGuid().ToString();

    public static string NewExtendedRequestId()
    {
        // 11 random bytes encode to 16 base64 characters ending in '=', the shape of AWS's ids.
        Span<byte> bytes = stackalloc byte[11];
        Random.Shared.NextBytes(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}
