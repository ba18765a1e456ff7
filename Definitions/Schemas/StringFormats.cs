namespace Platform.Definitions.Schemas;

/// <summary>
/// The <c>format</c> values we check, each accepting exactly what ajv-formats' "full" mode accepts (its grammar
/// re-implemented here as plain code, no regex): email, uri, date-time, date, time, uuid, ipv4, ipv6, hostname.
/// Any other format name is ignored, as ajv ignores unknown formats outside strict mode.
/// </summary>
internal static class StringFormats
{
    public delegate bool Check(ReadOnlySpan<char> value);

    private const string EmailLocalCharacters = "!#$%&'*+/=?^_`{|}~-";

    public static Check? Find(string format) => format switch
    {
        "email" => IsEmail,
        "uri" => UriFormat.IsUri,
        "date-time" => IsDateTime,
        "date" => IsDate,
        "time" => IsTime,
        "uuid" => IsUuid,
        "ipv4" => value => IpAddressFormat.IsIpv4(value, leadingZeros: false),
        "ipv6" => value => IpAddressFormat.IsIpv6(value, leadingZeros: false),
        "hostname" => IsHostname,
        _ => null,
    };

    /// <summary>dot-atoms of RFC 5322 atext, "@", then two or more alphanumeric labels with inner hyphens; ASCII, any case.</summary>
    public static bool IsEmail(ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('@');
        if (at < 0)
        {
            return false;
        }

        foreach (var atom in value[..at].Split('.'))
        {
            var text = value[..at][atom];
            if (text.Length == 0 || text.ContainsAnyExcept(EmailAtext))
            {
                return false;
            }
        }

        var domain = value[(at + 1)..];
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            if (!IsLabel(domain[range], 0))
            {
                return false;
            }

            labels++;
        }

        return labels >= 2;
    }

    /// <summary>RFC 3339 full-date: YYYY-MM-DD with a real day of that month (leap years included).</summary>
    public static bool IsDate(ReadOnlySpan<char> value)
    {
        if (value.Length != 10 || value[4] != '-' || value[7] != '-' || !Digits(value[..4], out var year) || !Digits(value.Slice(5, 2), out var month) || !Digits(value.Slice(8, 2), out var day))
        {
            return false;
        }

        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int[] days = [0, 31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        return month is >= 1 and <= 12 && day >= 1 && day <= days[month];
    }

    /// <summary>
    /// RFC 3339 full-time: HH:MM:SS[.fraction] and a required offset (Z or ±HH[[:]MM]); second 60 only when it is
    /// 23:59:60 UTC (a leap second), as ajv-formats checks it.
    /// </summary>
    public static bool IsTime(ReadOnlySpan<char> value)
    {
        if (value.Length < 9 || value[2] != ':' || value[5] != ':' || !Digits(value[..2], out var hour) || !Digits(value.Slice(3, 2), out var minute) || !Digits(value.Slice(6, 2), out var second))
        {
            return false;
        }

        var at = 8;
        if (at < value.Length && value[at] == '.')
        {
            var start = ++at;
            while (at < value.Length && char.IsAsciiDigit(value[at]))
            {
                at++;
            }

            if (at == start)
            {
                return false;
            }
        }

        if (!Offset(value[at..], out var sign, out var offsetHours, out var offsetMinutes) || offsetHours > 23 || offsetMinutes > 59)
        {
            return false;
        }

        if (hour <= 23 && minute <= 59 && second < 60)
        {
            return true;
        }

        var utcMinute = minute - (offsetMinutes * sign);
        var utcHour = hour - (offsetHours * sign) - (utcMinute < 0 ? 1 : 0);
        // The seconds (with any fraction) must stay below 61: 60.999 is a leap second, 61 is not.
        return utcHour is 23 or -1 && utcMinute is 59 or -1 && second <= 60;
    }

    /// <summary>date "T" time, split as ajv-formats splits (on t, T or ECMAScript whitespace), time offset required.</summary>
    public static bool IsDateTime(ReadOnlySpan<char> value)
    {
        var separator = -1;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is 't' or 'T' || IsEcmaSpace(value[i]))
            {
                if (separator >= 0)
                {
                    return false;
                }

                separator = i;
            }
        }

        return separator >= 0 && IsDate(value[..separator]) && IsTime(value[(separator + 1)..]);
    }

    /// <summary>8-4-4-4-12 hexadecimal digits, optionally after "urn:uuid:"; any case.</summary>
    public static bool IsUuid(ReadOnlySpan<char> value)
    {
        if (value.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[9..];
        }

        if (value.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var ok = i is 8 or 13 or 18 or 23 ? value[i] == '-' : char.IsAsciiHexDigit(value[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Labels of 1–63 alphanumerics with inner hyphens, at most 253 characters before an optional final dot.</summary>
    public static bool IsHostname(ReadOnlySpan<char> value)
    {
        if (value.EndsWith('.'))
        {
            value = value[..^1];
        }

        if (value.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var range in value.Split('.'))
        {
            if (!IsLabel(value[range], 63))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ECMAScript's <c>\s</c>: its whitespace and line terminators.</summary>
    public static bool IsEcmaSpace(char c) => c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680'
        or (>= '\u2000' and <= '\u200a') or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' or '\ufeff';

    private static readonly System.Buffers.SearchValues<char> EmailAtext =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + EmailLocalCharacters);

    /// <summary>An alphanumeric label with inner hyphens, at most <paramref name="maxLength"/> long (0: unbounded).</summary>
    private static bool IsLabel(ReadOnlySpan<char> label, int maxLength)
    {
        if (label.Length == 0 || (maxLength > 0 && label.Length > maxLength) || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1]))
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool Offset(ReadOnlySpan<char> text, out int sign, out int hours, out int minutes)
    {
        sign = 1;
        hours = 0;
        minutes = 0;
        if (text is "z" or "Z")
        {
            return true;
        }

        if (text.Length < 3 || text[0] is not ('+' or '-') || !Digits(text.Slice(1, 2), out hours))
        {
            return false;
        }

        sign = text[0] == '-' ? -1 : 1;
        var rest = text[3..];
        if (rest.Length > 0 && rest[0] == ':')
        {
            rest = rest[1..];
            if (rest.Length == 0)
            {
                return false;
            }
        }

        return rest.Length == 0 || (rest.Length == 2 && Digits(rest, out minutes));
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return text.Length > 0;
    }
}
