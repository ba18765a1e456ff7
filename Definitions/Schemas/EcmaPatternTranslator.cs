using System.Buffers;
using System.Globalization;
using System.Text;

namespace Platform.Definitions.Schemas;

/// <summary>
/// Rewrites one ECMAScript (u flag) pattern into .NET syntax with the same meaning, character by character; see
/// <see cref="EcmaPattern"/> for what changes and what is rejected. Throws <see cref="ArgumentException"/> for a
/// pattern ECMAScript rejects or .NET cannot express. A little over 300 lines: one scanner, kept whole so the
/// escape rules inside and outside classes read side by side.
/// </summary>
internal sealed class EcmaPatternTranslator(string pattern)
{
    private const string Word = "a-zA-Z0-9_";
    private const string Space = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
    private const string AnyCodePoint = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\n\r\u2028\u2029])";
    private const string WordBoundary = $"(?:(?<=[{Word}])(?![{Word}])|(?<![{Word}])(?=[{Word}]))";
    private const string NotWordBoundary = $"(?:(?<=[{Word}])(?=[{Word}])|(?<![{Word}])(?![{Word}]))";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "LC", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll",
        ["Titlecase_Letter"] = "Lt", ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M",
        ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me", ["Number"] = "N",
        ["Decimal_Number"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No", ["Punctuation"] = "P",
        ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd", ["Open_Punctuation"] = "Ps",
        ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi", ["Final_Punctuation"] = "Pf",
        ["Other_Punctuation"] = "Po", ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc",
        ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So", ["Separator"] = "Z", ["Space_Separator"] = "Zs",
        ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp", ["Other"] = "C", ["Control"] = "Cc",
        ["Format"] = "Cf", ["Surrogate"] = "Cs", ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    private readonly StringBuilder _out = new(pattern.Length * 2);
    private int _at;

    public string Run()
    {
        while (_at < pattern.Length)
        {
            var c = pattern[_at];
            switch (c)
            {
                case '\\':
                    Escape();
                    break;
                case '[':
                    Class();
                    break;
                case '.':
                    _out.Append(AnyCodePoint);
                    _at++;
                    break;
                case '$':
                    _out.Append(@"\z");
                    _at++;
                    break;
                case '(':
                    Group();
                    break;
                default:
                    if (char.IsHighSurrogate(c) && _at + 1 < pattern.Length && char.IsLowSurrogate(pattern[_at + 1]))
                    {
                        _out.Append("(?:").Append(c).Append(pattern[_at + 1]).Append(')');
                        _at += 2;
                    }
                    else
                    {
                        _out.Append(c);
                        _at++;
                    }

                    break;
            }
        }

        return _out.ToString();
    }

    private void Group()
    {
        _at++;
        if (_at < pattern.Length && pattern[_at] == '?')
        {
            var rest = pattern.AsSpan(_at);
            var known = rest.StartsWith("?:") || rest.StartsWith("?=") || rest.StartsWith("?!") || rest.StartsWith("?<=")
                || rest.StartsWith("?<!") || (rest.StartsWith("?<") && rest.Length > 2 && IsNameStart(rest[2]));
            if (!known)
            {
                throw new ArgumentException($"Invalid group '({rest[..Math.Min(3, rest.Length)]}' at offset {_at - 1} (ECMAScript has (?:, (?=, (?!, (?<=, (?<! and (?<name>).");
            }
        }

        _out.Append('(');
    }

    private void Escape()
    {
        var c = Next();
        switch (c)
        {
            case 'd': _out.Append("[0-9]"); break;
            case 'D': _out.Append("[^0-9]"); break;
            case 'w': _out.Append('[').Append(Word).Append(']'); break;
            case 'W': _out.Append("[^").Append(Word).Append(']'); break;
            case 's': _out.Append('[').Append(Space).Append(']'); break;
            case 'S': _out.Append("[^").Append(Space).Append(']'); break;
            case 'b': _out.Append(WordBoundary); break;
            case 'B': _out.Append(NotWordBoundary); break;
            case 'k': NamedBackreference(); break;
            case >= '1' and <= '9': Backreference(c); break;
            default: _out.Append(Common(c, inClass: false)); break;
        }
    }

    private void Class()
    {
        _at++;
        var negated = _at < pattern.Length && pattern[_at] == '^';
        if (negated)
        {
            _at++;
        }

        if (_at < pattern.Length && pattern[_at] == ']')
        {
            _at++;
            _out.Append(negated ? @"[\s\S]" : "(?!)");
            return;
        }

        var members = new StringBuilder();
        var complements = new List<string>();
        while (true)
        {
            if (_at >= pattern.Length)
            {
                throw new ArgumentException("Unterminated [] set.");
            }

            var c = pattern[_at];
            if (c == ']')
            {
                _at++;
                break;
            }

            if (char.IsSurrogate(c))
            {
                throw new ArgumentException("Characters outside the Basic Multilingual Plane are not supported in a character class.");
            }

            if (c != '\\')
            {
                members.Append(c is '[' or '^' ? "\\" + c : c.ToString());
                _at++;
                continue;
            }

            var e = Next();
            switch (e)
            {
                case 'd': members.Append("0-9"); break;
                case 'w': members.Append(Word); break;
                case 's': members.Append(Space); break;
                case 'D': complements.Add("[^0-9]"); break;
                case 'W': complements.Add($"[^{Word}]"); break;
                case 'S': complements.Add($"[^{Space}]"); break;
                case 'b': members.Append(@"\x08"); break;
                case '-': members.Append(@"\-"); break;
                default: members.Append(Common(e, inClass: true)); break;
            }
        }

        if (complements.Count == 0)
        {
            _out.Append(negated ? "[^" : "[").Append(members).Append(']');
        }
        else if (negated)
        {
            throw new ArgumentException(@"\D, \W and \S are not supported in a negated character class.");
        }
        else
        {
            _out.Append("(?:").AppendJoin('|', complements);
            if (members.Length > 0)
            {
                _out.Append("|[").Append(members).Append(']');
            }

            _out.Append(')');
        }
    }

    /// <summary>Escapes with the same meaning inside and outside a class; <c>_at</c> is just past the escaped character.</summary>
    private string Common(char c, bool inClass)
    {
        switch (c)
        {
            case 'f' or 'n' or 'r' or 't' or 'v':
                return "\\" + c;
            case '0' when _at >= pattern.Length || !char.IsAsciiDigit(pattern[_at]):
                return @"\0";
            case 'c' when _at < pattern.Length && char.IsAsciiLetter(pattern[_at]):
                return @"\c" + pattern[_at++];
            case 'x':
                return @"\x" + Hex(2);
            case 'u':
                return Unicode(inClass);
            case 'p' or 'P':
                return Property(c, inClass);
            case '^' or '$' or '\\' or '.' or '*' or '+' or '?' or '(' or ')' or '[' or ']' or '{' or '}' or '|' or '/':
                return "\\" + c;
            default:
                throw new ArgumentException($"Invalid escape '\\{c}' (ECMAScript, unicode mode).");
        }
    }

    private string Unicode(bool inClass)
    {
        int codePoint;
        if (_at < pattern.Length && pattern[_at] == '{')
        {
            var end = pattern.IndexOf('}', _at);
            if (end < 0 || end == _at + 1 || !int.TryParse(pattern.AsSpan(_at + 1, end - _at - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out codePoint) || codePoint > 0x10FFFF)
            {
                throw new ArgumentException(@"Invalid \u{...} escape.");
            }

            _at = end + 1;
        }
        else
        {
            codePoint = int.Parse(Hex(4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            var rest = pattern.AsSpan(_at);
            if (char.IsHighSurrogate((char)codePoint) && rest.Length >= 6 && rest.StartsWith(@"\u")
                && int.TryParse(rest.Slice(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low) && char.IsLowSurrogate((char)low))
            {
                codePoint = char.ConvertToUtf32((char)codePoint, (char)low);
                _at += 6;
            }
        }

        if (codePoint <= 0xFFFF)
        {
            return $@"\u{codePoint:X4}";
        }

        if (inClass)
        {
            throw new ArgumentException("Characters outside the Basic Multilingual Plane are not supported in a character class.");
        }

        var pair = char.ConvertFromUtf32(codePoint);
        return $@"(?:\u{(int)pair[0]:X4}\u{(int)pair[1]:X4})";
    }

    private string Property(char p, bool inClass)
    {
        var end = _at < pattern.Length && pattern[_at] == '{' ? pattern.IndexOf('}', _at) : -1;
        if (end < 0)
        {
            throw new ArgumentException($"Invalid \\{p} escape: expected \\{p}{{...}}.");
        }

        var name = pattern[(_at + 1)..end];
        _at = end + 1;
        var value = name.StartsWith("General_Category=", StringComparison.Ordinal) ? name["General_Category=".Length..]
            : name.StartsWith("gc=", StringComparison.Ordinal) ? name[3..] : name;
        var category = Categories.TryGetValue(value, out var shortName) ? shortName
            : Categories.ContainsValue(value) ? value
            : throw new ArgumentException($"Unicode property '{name}' is not supported (general categories only).");
        if (category == "LC")
        {
            const string cased = @"\p{Lu}\p{Ll}\p{Lt}";
            return p == 'P' ? throw new ArgumentException(@"\P{LC} is not supported.") : inClass ? cased : $"[{cased}]";
        }

        return $"\\{p}{{{category}}}";
    }

    private void Backreference(char first)
    {
        var number = new StringBuilder().Append(first);
        while (_at < pattern.Length && char.IsAsciiDigit(pattern[_at]))
        {
            number.Append(pattern[_at++]);
        }

        _out.Append("(?(").Append(number).Append(@")\k<").Append(number).Append(">)");
    }

    private void NamedBackreference()
    {
        var end = _at < pattern.Length && pattern[_at] == '<' ? pattern.IndexOf('>', _at) : -1;
        if (end < 0)
        {
            throw new ArgumentException(@"Invalid \k escape: expected \k<name>.");
        }

        var name = pattern[(_at + 1)..end];
        _at = end + 1;
        _out.Append("(?(").Append(name).Append(@")\k<").Append(name).Append(">)");
    }

    private string Hex(int digits)
    {
        if (_at + digits > pattern.Length || pattern.AsSpan(_at, digits).ContainsAnyExcept(HexDigits))
        {
            throw new ArgumentException($"Invalid escape: expected {digits} hexadecimal digits at offset {_at}.");
        }

        var hex = pattern.Substring(_at, digits);
        _at += digits;
        return hex;
    }

    private char Next()
    {
        _at++;
        if (_at >= pattern.Length)
        {
            throw new ArgumentException("Illegal \\ at end of pattern.");
        }

        return pattern[_at++];
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';
}
