using System.Buffers;
using System.Globalization;

namespace Platform.Gateway.Waf.Detection;

/// <summary>
/// The decodings attackers hide payloads behind, undone in place (every step only shrinks the text, so a buffer as
/// long as the input is enough and nothing is allocated): percent-encoding repeated up to
/// <see cref="MaxUrlDecodePasses"/> times (<c>%2527</c> → <c>%27</c> → <c>'</c>; UTF-8 sequences including overlong
/// ones such as <c>%C0%BC</c> → <c>&lt;</c>; IIS's <c>%uXXXX</c>; <c>+</c> as space), HTML character references
/// (<c>&amp;#x3c;</c>, <c>&amp;#60</c>, <c>&amp;lt;</c> and the named ones filters forget, such as <c>&amp;colon;</c>)
/// twice, JavaScript escapes (<c>\u003c</c>, <c>\x3c</c>), then full-width forms folded to ASCII
/// (<c>＜</c> → <c>&lt;</c>), ASCII lower-cased, and control characters other than tab, CR and LF (which browsers drop inside URL schemes)
/// and no-break spaces turned into spaces.
/// Each pass is one linear walk, so the whole is linear in the input.
/// </summary>
internal static class WafText
{
    public const int MaxUrlDecodePasses = 3;
    public const int MaxEntityDecodePasses = 2;

    /// <summary>Values up to this many characters are decoded in stack memory (most header values and arguments); longer ones in a pooled buffer.</summary>
    public const int StackLimit = 256;

    /// <summary>Decodes and folds <paramref name="text"/> (in place); returns the new length.</summary>
    public static int Normalize(Span<char> text)
    {
        var length = text.Length;
        for (var pass = 0; pass < MaxUrlDecodePasses && text[..length].IndexOfAny('%', '+') >= 0; pass++)
        {
            var decoded = UrlDecode(text[..length], plusIsSpace: true);
            if (decoded == length)
            {
                // Only '+' became ' ' (or nothing decoded): another pass would find nothing more.
                break;
            }

            length = decoded;
        }

        for (var pass = 0; pass < MaxEntityDecodePasses && text[..length].Contains('&'); pass++)
        {
            var decoded = HtmlEntityDecode(text[..length]);
            if (decoded == length)
            {
                break;
            }

            length = decoded;
        }

        if (text[..length].Contains('\\'))
        {
            length = JavaScriptUnescape(text[..length]);
        }

        Fold(text[..length]);
        return length;
    }

    /// <summary>One pass of percent-decoding in place; returns the new length.</summary>
    public static int UrlDecode(Span<char> text, bool plusIsSpace)
    {
        var read = text.IndexOfAny('%', '+');
        if (read < 0)
        {
            return text.Length;
        }

        var write = read;
        while (read < text.Length)
        {
            var c = text[read];
            if (c == '+' && plusIsSpace)
            {
                text[write++] = ' ';
                read++;
            }
            else if (c == '%' && TryPercentSequence(text, read, out var decoded, out var consumed))
            {
                if (decoded > 0xFFFF)
                {
                    var surrogates = char.ConvertFromUtf32(decoded);
                    text[write++] = surrogates[0];
                    text[write++] = surrogates[1];
                }
                else
                {
                    text[write++] = (char)decoded;
                }

                read += consumed;
            }
            else
            {
                text[write++] = c;
                read++;
            }
        }

        return write;
    }

    /// <summary>
    /// A <c>%uXXXX</c>, or a UTF-8 sequence of <c>%XX</c> escapes decoded leniently: overlong forms decode to the
    /// character they spell (as the old decoders attackers target did), a lone byte is its Latin-1 character.
    /// </summary>
    private static bool TryPercentSequence(ReadOnlySpan<char> text, int at, out int codePoint, out int consumed)
    {
        codePoint = 0;
        consumed = 0;
        if (at + 5 < text.Length && (text[at + 1] | 0x20) == 'u' && TryHex(text.Slice(at + 2, 4), out var unit))
        {
            codePoint = unit;
            consumed = 6;
            return true;
        }

        if (!TryByte(text, at, out var first))
        {
            return false;
        }

        var continuation = first switch
        {
            >= 0xC0 and <= 0xDF => 1,
            >= 0xE0 and <= 0xEF => 2,
            >= 0xF0 and <= 0xF4 => 3,
            _ => 0,
        };
        var value = continuation switch
        {
            1 => first & 0x1F,
            2 => first & 0x0F,
            3 => first & 0x07,
            _ => first,
        };
        for (var i = 1; i <= continuation; i++)
        {
            if (!TryByte(text, at + 3 * i, out var next) || (next & 0xC0) != 0x80)
            {
                codePoint = first;
                consumed = 3;
                return true;
            }

            value = (value << 6) | (next & 0x3F);
        }

        codePoint = value is > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? 0xFFFD : value;
        consumed = 3 * (continuation + 1);
        return true;
    }

    private static bool TryByte(ReadOnlySpan<char> text, int at, out int value)
    {
        value = 0;
        return at + 2 < text.Length && text[at] == '%' && TryHex(text.Slice(at + 1, 2), out value);
    }

    private static bool TryHex(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    /// <summary>One pass of HTML character-reference decoding in place; returns the new length.</summary>
    public static int HtmlEntityDecode(Span<char> text)
    {
        var read = text.IndexOf('&');
        if (read < 0)
        {
            return text.Length;
        }

        var write = read;
        while (read < text.Length)
        {
            if (text[read] == '&' && TryEntity(text, read, out var codePoint, out var consumed))
            {
                if (codePoint > 0xFFFF)
                {
                    var surrogates = char.ConvertFromUtf32(codePoint);
                    text[write++] = surrogates[0];
                    text[write++] = surrogates[1];
                }
                else
                {
                    text[write++] = (char)codePoint;
                }

                read += consumed;
            }
            else
            {
                text[write++] = text[read++];
            }
        }

        return write;
    }

    private static bool TryEntity(ReadOnlySpan<char> text, int at, out int codePoint, out int consumed)
    {
        codePoint = 0;
        consumed = 0;
        var i = at + 1;
        if (i < text.Length && text[i] == '#')
        {
            // Numeric references: browsers accept leading zeros and a missing ';'.
            i++;
            var hex = i < text.Length && (text[i] | 0x20) == 'x';
            if (hex)
            {
                i++;
            }

            var start = i;
            long value = 0;
            while (i < text.Length && i - start < 10 && (hex ? char.IsAsciiHexDigit(text[i]) : char.IsAsciiDigit(text[i])))
            {
                value = value * (hex ? 16 : 10) + (char.IsAsciiDigit(text[i]) ? text[i] - '0' : (text[i] | 0x20) - 'a' + 10);
                i++;
            }

            if (i == start)
            {
                return false;
            }

            if (i < text.Length && text[i] == ';')
            {
                i++;
            }

            codePoint = value is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? (int)value : 0xFFFD;
            consumed = i - at;
            return true;
        }

        var nameStart = i;
        while (i < text.Length && i - nameStart < 10 && char.IsAsciiLetterOrDigit(text[i]))
        {
            i++;
        }

        var name = text[nameStart..i];
        var terminated = i < text.Length && text[i] == ';';
        var named = NamedEntity(name, terminated);
        if (named < 0)
        {
            return false;
        }

        codePoint = named;
        consumed = i - at + (terminated ? 1 : 0);
        return true;
    }

    /// <summary>The named references that spell markup or script syntax; the legacy four decode without <c>;</c>.</summary>
    private static int NamedEntity(ReadOnlySpan<char> name, bool terminated)
    {
        var legacy = name switch
        {
            "lt" or "LT" => '<',
            "gt" or "GT" => '>',
            "amp" or "AMP" => '&',
            "quot" or "QUOT" => '"',
            _ => -1,
        };
        if (legacy >= 0 || !terminated)
        {
            return legacy;
        }

        return name switch
        {
            "apos" => '\'',
            "nbsp" => ' ',
            "Tab" => '\t',
            "NewLine" => '\n',
            "colon" => ':',
            "semi" => ';',
            "lpar" => '(',
            "rpar" => ')',
            "lsqb" or "lbrack" => '[',
            "rsqb" or "rbrack" => ']',
            "lcub" or "lbrace" => '{',
            "rcub" or "rbrace" => '}',
            "sol" => '/',
            "bsol" => '\\',
            "equals" => '=',
            "plus" => '+',
            "comma" => ',',
            "period" => '.',
            "excl" => '!',
            "quest" => '?',
            "num" => '#',
            "percnt" => '%',
            "ast" or "midast" => '*',
            "grave" => '`',
            "Hat" => '^',
            "verbar" or "vert" => '|',
            "commat" => '@',
            "dollar" => '$',
            "lowbar" => '_',
            "hyphen" or "dash" => '-',
            _ => -1,
        };
    }

    /// <summary><c>\uXXXX</c>, <c>\u{X...}</c> and <c>\xXX</c> decoded in place; returns the new length.</summary>
    public static int JavaScriptUnescape(Span<char> text)
    {
        var write = 0;
        var read = 0;
        while (read < text.Length)
        {
            if (text[read] == '\\' && read + 3 < text.Length)
            {
                var kind = text[read + 1] | 0x20;
                if (kind == 'x' && TryHex(text.Slice(read + 2, 2), out var hex))
                {
                    text[write++] = (char)hex;
                    read += 4;
                    continue;
                }

                if (kind == 'u' && read + 5 < text.Length && TryHex(text.Slice(read + 2, 4), out var unit))
                {
                    text[write++] = (char)unit;
                    read += 6;
                    continue;
                }

                if (kind == 'u' && text[read + 2] == '{')
                {
                    var close = text[(read + 3)..].IndexOf('}');
                    if (close is > 0 and <= 6 && TryHex(text.Slice(read + 3, close), out var braced) && braced <= 0xFFFF)
                    {
                        text[write++] = (char)braced;
                        read += 4 + close;
                        continue;
                    }
                }
            }

            text[write++] = text[read++];
        }

        return write;
    }

    /// <summary>Full-width ASCII to ASCII, ASCII to lower case, control characters (but tab, CR, LF) and no-break spaces to spaces.</summary>
    public static void Fold(Span<char> text)
    {
        if (!text.ContainsAnyExceptInRange(' ', '~'))
        {
            // Printable ASCII only (most values): lower-casing is all there is to do, vectorized.
            System.Text.Ascii.ToLowerInPlace(text, out _);
            return;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }

            text[i] = c switch
            {
                >= 'A' and <= 'Z' => (char)(c | 0x20),
                '\t' or '\n' or '\r' => c,
                < ' ' or '\u007F' or '\u00A0' => ' ',
                _ => c,
            };
        }
    }

    /// <summary>Rents a buffer for <paramref name="length"/> characters; return it with <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static char[] Rent(int length) => ArrayPool<char>.Shared.Rent(Math.Max(length, 16));
}
