namespace Platform.Definitions.Schemas;

/// <summary>IPv4 dotted quads and IPv6 text forms (RFC 4291 §2.2, as ajv-formats' and RFC 3986's grammars spell them).</summary>
internal static class IpAddressFormat
{
    /// <summary>
    /// Four decimal octets 0–255. <paramref name="leadingZeros"/> allows "010" (RFC 3986's URI grammar, as ajv's uri
    /// check spells it); the ipv4 format does not.
    /// </summary>
    public static bool IsIpv4(ReadOnlySpan<char> value, bool leadingZeros)
    {
        var octets = 0;
        foreach (var range in value.Split('.'))
        {
            var octet = value[range];
            if (++octets > 4 || octet.Length is 0 or > 3 || octet.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            if (!leadingZeros && octet.Length > 1 && octet[0] == '0')
            {
                return false;
            }

            var number = 0;
            foreach (var digit in octet)
            {
                number = (number * 10) + (digit - '0');
            }

            if (number > 255)
            {
                return false;
            }
        }

        return octets == 4;
    }

    /// <summary>
    /// Eight groups of 1–4 hex digits, or fewer around one "::" (which stands for at least one zero group); the last
    /// two groups may be an IPv4 address. No zone index.
    /// </summary>
    public static bool IsIpv6(ReadOnlySpan<char> value, bool leadingZeros)
    {
        var groups = 0;
        var compressed = false;
        var at = 0;
        if (value.StartsWith("::"))
        {
            compressed = true;
            at = 2;
            if (at == value.Length)
            {
                return true;
            }
        }

        while (true)
        {
            var end = value[at..].IndexOf(':');
            var piece = end < 0 ? value[at..] : value.Slice(at, end);
            if (end < 0 && piece.Contains('.'))
            {
                if (!IsIpv4(piece, leadingZeros))
                {
                    return false;
                }

                groups += 2;
                break;
            }

            if (piece.Length is 0 or > 4 || piece.ContainsAnyExcept(HexDigits))
            {
                return false;
            }

            groups++;
            if (end < 0)
            {
                break;
            }

            at += end + 1;
            if (at < value.Length && value[at] == ':')
            {
                if (compressed)
                {
                    return false;
                }

                compressed = true;
                at++;
                if (at == value.Length)
                {
                    break;
                }
            }
            else if (at == value.Length)
            {
                return false;
            }
        }

        return compressed ? groups <= 7 : groups == 8;
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
