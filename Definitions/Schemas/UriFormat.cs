using System.Buffers;

namespace Platform.Definitions.Schemas;

/// <summary>
/// The <c>uri</c> format: an absolute URI by RFC 3986 (scheme ":" hier-part ["?" query] ["#" fragment]), ASCII only,
/// checked as ajv-formats' full-mode grammar checks it — including its leniencies: an authority may follow a single
/// "/" and an IPv4 literal may have leading zeros (both are in its regular expression). An empty hier-part ("urn:") fails.
/// </summary>
internal static class UriFormat
{
    private const string Unreserved = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
    private const string SubDelimiters = "!$&'()*+,;=";

    private static readonly SearchValues<char> SchemeCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
    private static readonly SearchValues<char> RegName = SearchValues.Create(Unreserved + SubDelimiters);
    private static readonly SearchValues<char> UserInfo = SearchValues.Create(Unreserved + SubDelimiters + ":");
    private static readonly SearchValues<char> PathCharacters = SearchValues.Create(Unreserved + SubDelimiters + ":@/");
    private static readonly SearchValues<char> QueryCharacters = SearchValues.Create(Unreserved + SubDelimiters + ":@/?");
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static bool IsUri(ReadOnlySpan<char> value)
    {
        var colon = value.IndexOf(':');
        if (colon < 1 || !char.IsAsciiLetter(value[0]) || value[1..colon].ContainsAnyExcept(SchemeCharacters))
        {
            return false;
        }

        var rest = value[(colon + 1)..];
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!Encoded(rest[(hash + 1)..], QueryCharacters))
            {
                return false;
            }

            rest = rest[..hash];
        }

        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            if (!Encoded(rest[(question + 1)..], QueryCharacters))
            {
                return false;
            }

            rest = rest[..question];
        }

        return IsAuthorityAndPath(rest) || IsPathAbsolute(rest) || IsPathRootless(rest);
    }

    private static bool IsAuthorityAndPath(ReadOnlySpan<char> hier)
    {
        if (hier.StartsWith("//") && AuthorityAndPath(hier[2..]))
        {
            return true;
        }

        return hier.StartsWith("/") && AuthorityAndPath(hier[1..]);
    }

    private static bool AuthorityAndPath(ReadOnlySpan<char> text)
    {
        var slash = text.IndexOf('/');
        var authority = slash < 0 ? text : text[..slash];
        if (slash >= 0 && !Encoded(text[slash..], PathCharacters))
        {
            return false;
        }

        var at = authority.IndexOf('@');
        if (at >= 0)
        {
            if (!Encoded(authority[..at], UserInfo))
            {
                return false;
            }

            authority = authority[(at + 1)..];
        }

        ReadOnlySpan<char> port;
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            if (close < 0 || !IsIpLiteral(authority[1..close]))
            {
                return false;
            }

            port = authority[(close + 1)..];
        }
        else
        {
            var portStart = authority.IndexOf(':');
            var host = portStart < 0 ? authority : authority[..portStart];
            if (!Encoded(host, RegName))
            {
                return false;
            }

            port = portStart < 0 ? [] : authority[portStart..];
        }

        return port.IsEmpty || (port[0] == ':' && !port[1..].ContainsAnyExceptInRange('0', '9'));
    }

    private static bool IsIpLiteral(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] is 'v' or 'V')
        {
            var dot = text.IndexOf('.');
            return dot > 1 && !text[1..dot].ContainsAnyExcept(HexDigits) && dot + 1 < text.Length && !text[(dot + 1)..].ContainsAnyExcept(UserInfo);
        }

        return IpAddressFormat.IsIpv6(text, leadingZeros: true);
    }

    private static bool IsPathAbsolute(ReadOnlySpan<char> hier) =>
        hier.StartsWith("/") && !hier.StartsWith("//") && Encoded(hier, PathCharacters);

    private static bool IsPathRootless(ReadOnlySpan<char> hier) =>
        hier.Length > 0 && hier[0] != '/' && Encoded(hier, PathCharacters);

    /// <summary>True when every character is in <paramref name="allowed"/> or starts a %HH escape.</summary>
    private static bool Encoded(ReadOnlySpan<char> text, SearchValues<char> allowed)
    {
        while (true)
        {
            var other = text.IndexOfAnyExcept(allowed);
            if (other < 0)
            {
                return true;
            }

            if (text[other] != '%' || other + 3 > text.Length || !char.IsAsciiHexDigit(text[other + 1]) || !char.IsAsciiHexDigit(text[other + 2]))
            {
                return false;
            }

            text = text[(other + 3)..];
        }
    }
}
