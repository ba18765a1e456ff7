using System.Diagnostics.CodeAnalysis;
using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// Collects the headers and cookies of a mapped response and checks each can be sent. A header whose value is
/// JSON <c>null</c> is not sent; for <c>Content-Type</c> that also suppresses the default content type, which is
/// how AWS's own .NET libraries ask API Gateway for a response without one (aws/aws-sam-cli#1218).
/// </summary>
internal sealed class ProxyResponseBuilder
{
    private readonly List<KeyValuePair<string, string>> _headers = [];
    private readonly List<string> _cookies = [];
    private bool _contentTypeGiven;

    /// <summary>Adds a header; false, with the reason, when its name or value cannot be sent in an HTTP/1.1 header.</summary>
    public bool TryAdd(string name, string? value, [NotNullWhen(false)] out string? failure)
    {
        if (!IsToken(name))
        {
            failure = $"header name '{name}' is not a valid HTTP header name";
            return false;
        }

        if (name.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            _contentTypeGiven = true;
        }

        if (value is null)
        {
            failure = null;
            return true;
        }

        if (!IsSendable(value))
        {
            failure = $"header '{name}' has a value with a control or non-ASCII character, which the gateway cannot send";
            return false;
        }

        if (name.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
        {
            _cookies.Add(value);
        }
        else
        {
            _headers.Add(new(name, value));
        }

        failure = null;
        return true;
    }

    /// <summary>Adds one cookie (a whole <c>Set-Cookie</c> value).</summary>
    public bool TryAddCookie(string cookie, [NotNullWhen(false)] out string? failure)
    {
        if (!IsSendable(cookie))
        {
            failure = "a cookie has a control or non-ASCII character, which the gateway cannot send";
            return false;
        }

        _cookies.Add(cookie);
        failure = null;
        return true;
    }

    /// <summary>The response; <paramref name="defaultContentType"/> is added unless a Content-Type was given (even as null).</summary>
    public ProxyResponse Build(int statusCode, byte[] body, string defaultContentType)
    {
        // The gateway frames the body itself: the function's framing and connection headers do not apply to it.
        var connection = _headers.Where(static h => h.Key.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase))
            .Select(static h => h.Value).ToArray();
        var dropped = HopByHopHeaders.For(connection);
        var headers = _headers.Where(h => !dropped(h.Key)).ToList();
        if (!_contentTypeGiven)
        {
            headers.Add(new(HeaderNames.ContentType, defaultContentType));
        }

        return new ProxyResponse(statusCode, headers, _cookies, body);
    }

    private static bool IsToken(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "!#$%&'*+-.^_`|~".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }

    // Kestrel refuses to send control characters (CR and LF would split the header) and, by default, non-ASCII.
    private static bool IsSendable(string value)
    {
        foreach (var c in value)
        {
            if ((c < 0x20 && c != '\t') || c > 0x7E)
            {
                return false;
            }
        }

        return true;
    }
}
