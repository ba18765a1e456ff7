using System.Buffers;

namespace Platform.Gateway.Waf.Detection;

/// <summary>
/// Decides whether a value would run script if a page echoed it, after <see cref="WafText.Normalize"/> (so
/// <c>%3Cscript</c>, <c>&amp;lt;script</c>, <c>\u003cscript</c>, <c>＜script</c> and <c>&lt;ScRiPt</c> all read
/// <c>&lt;script</c>). Markup that runs nothing passes: <c>&lt;b&gt;</c>, <c>&lt;a href="https://..."&gt;</c>,
/// <c>a &lt; b</c>, <c>List&lt;string&gt;</c>, <c>I &lt;3 it</c>.
/// <list type="bullet">
/// <item><b>Tags that run or load code</b>: <c>&lt;script</c>, <c>&lt;iframe</c>, <c>&lt;frame</c>, <c>&lt;frameset</c>,
/// <c>&lt;object</c>, <c>&lt;embed</c>, <c>&lt;applet</c>, <c>&lt;base</c>, <c>&lt;isindex</c>, <c>&lt;bgsound</c>, ...</item>
/// <item><b>Event handlers</b>: in any tag, an <c>on...=</c> attribute (<c>&lt;img src=x onerror=...&gt;</c>,
/// <c>&lt;svg/onload=...&gt;</c>, <c>&lt;x onclick=...&gt;</c>), or <c>srcdoc=</c>; and after a quote that ends an
/// attribute value (<c>" onmouseover="alert(1)</c>, <c>' autofocus onfocus='...</c>). A tag not closed by
/// <c>&gt;</c> needs a handler value that looks like code (a call, a template, an escape).</item>
/// <item><b>Script URLs</b>: <c>javascript:</c>, <c>vbscript:</c>, <c>livescript:</c> (tabs and line breaks inside
/// skipped, as browsers do) followed by code (a call, a template or an assignment within the next
/// <see cref="SchemeWindow"/> characters — "javascript: the good parts" is a book); <c>data:</c> URLs of HTML, SVG,
/// XHTML or script.</item>
/// <item><b>CSS</b>: <c>expression(</c> as a property value, <c>behavior:</c>, <c>-moz-binding</c>.</item>
/// <item><b>Script context</b>: a quote closing a script string followed by an operator and a call
/// (<c>';alert(1)//</c>, <c>'-alert(1)-'</c>); calls only probes make — <c>alert(</c>, <c>prompt(</c>,
/// <c>confirm(</c> with a literal, <c>document</c> or <c>window</c> argument, <c>eval(atob(...</c>,
/// <c>fromcharcode(</c> — and <c>document.cookie</c>, <c>document.write(</c>, <c>constructor.constructor(</c>.</item>
/// </list>
/// Linear: each scan moves forward through the text, and look-aheads are bounded (a tag's attributes end at the next
/// <c>&lt;</c> or <c>&gt;</c>; an attribute break-out looks at most <see cref="AttributeWindow"/> characters on).
/// </summary>
internal static class CrossSiteScriptingDetector
{
    public const int SchemeWindow = 100;
    public const int AttributeWindow = 256;

    // ASCII only, so the search is vectorized; any non-ASCII character (full-width forms) is looked at too.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create("<>\"'(`:&%\\=");
    private static readonly SearchValues<char> Quotes = SearchValues.Create("\"'`");
    private static readonly string[] Schemes = ["javascript:", "vbscript:", "livescript:"];
    private static readonly string[] DataTypes = ["text/html", "application/xhtml", "image/svg", "text/javascript", "application/javascript", "text/xml"];
    private static readonly string[] Sinks = ["alert", "prompt", "confirm", "eval", "settimeout", "setinterval", "fetch", "import", "function", "document.", "window.", "top[", "self[", "parent[", "this["];


    public static bool MayContainAttack(ReadOnlySpan<char> value) => value.ContainsAny(Suspicious) || value.ContainsAnyExceptInRange('\0', '\u007f');

    /// <summary>True when <paramref name="value"/> (raw: still encoded, any case) looks like cross-site scripting.</summary>
    public static bool IsAttack(ReadOnlySpan<char> value)
    {
        if (!MayContainAttack(value))
        {
            return false;
        }

        if (value.Length <= WafText.StackLimit)
        {
            Span<char> stack = stackalloc char[value.Length];
            value.CopyTo(stack);
            return IsAttackNormalized(stack[..WafText.Normalize(stack)]);
        }

        var buffer = WafText.Rent(value.Length);
        try
        {
            value.CopyTo(buffer);
            var length = WafText.Normalize(buffer.AsSpan(0, value.Length));
            return IsAttackNormalized(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The test on text already normalized by <see cref="WafText.Normalize"/>.</summary>
    public static bool IsAttackNormalized(ReadOnlySpan<char> text)
    {
        // Each check needs its own character; most values have few of them, so most checks are skipped.
        var quotes = text.ContainsAny(Quotes);
        return (text.Contains('<') && HasActiveTag(text))
            || ((text.Contains("t:", StringComparison.Ordinal) || text.Contains("data:", StringComparison.Ordinal) || text.ContainsAny('\t', '\n', '\r')) && HasScriptUrl(text))
            || (quotes && (HasAttributeBreakout(text) || HasScriptBreakout(text)))
            || (text.ContainsAny('(', '`') && (HasProbeCall(text) || HasCssExpression(text)))
            || HasProbe(text);
    }

    /// <summary>Script that only probes write: <c>document.cookie</c>, <c>document.write(</c>, <c>document.domain</c>, <c>string.fromcharcode(</c>, <c>constructor.constructor(</c>, old CSS bindings.</summary>
    private static bool HasProbe(ReadOnlySpan<char> text)
    {
        var document = text.IndexOf("document.", StringComparison.Ordinal);
        if (document >= 0)
        {
            var member = text[(document + 9)..];
            if (member.StartsWith("cookie", StringComparison.Ordinal) || member.StartsWith("write(", StringComparison.Ordinal)
                || member.StartsWith("domain", StringComparison.Ordinal) || member.Contains("document.cookie", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return text.Contains("fromcharcode(", StringComparison.Ordinal) || text.Contains("constructor.constructor(", StringComparison.Ordinal)
            || text.Contains("-moz-binding", StringComparison.Ordinal) || text.Contains("behavior:", StringComparison.Ordinal);
    }

    private static bool HasActiveTag(ReadOnlySpan<char> text)
    {
        var at = 0;
        while (at < text.Length && text[at..].IndexOf('<') is var offset and >= 0)
        {
            var start = at + offset + 1;
            var end = start;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or ':' or '_'))
            {
                end++;
            }

            at = end == start ? start : end;
            if (end == start || !char.IsAsciiLetter(text[start]))
            {
                continue;
            }

            if (IsActiveTagName(text[start..end]))
            {
                return true;
            }

            // The tag's attributes run to its '>' — or to the next '<', which keeps the scan linear.
            var rest = text[end..];
            var close = rest.IndexOfAny('<', '>');
            var closed = close >= 0 && rest[close] == '>';
            if (HasHandler(close < 0 ? rest : rest[..close], closed, attributesAfterQuote: false))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsActiveTagName(ReadOnlySpan<char> name) => name is "script" or "iframe" or "frame" or "frameset" or "object"
        or "embed" or "applet" or "base" or "isindex" or "bgsound" or "vmlframe" or "xml" or "import" or "layer" or "ilayer" or "xss";

    /// <summary>
    /// An event handler (<c>on...=</c>) or <c>srcdoc=</c> among the attributes in <paramref name="attributes"/>; after a
    /// quote, only the first four attributes count.
    /// </summary>
    private static bool HasHandler(ReadOnlySpan<char> attributes, bool closed, bool attributesAfterQuote)
    {
        var seen = 0;
        var i = 0;
        while (i < attributes.Length)
        {
            var c = attributes[i];
            if (attributesAfterQuote && c is '"' or '\'' or '`')
            {
                // Another quote before any attribute: prose, not markup.
                return false;
            }

            if (char.IsWhiteSpace(c) || c is '/' or '"' or '\'' or '`')
            {
                i++;
                continue;
            }

            var nameStart = i;
            while (i < attributes.Length && (char.IsAsciiLetterOrDigit(attributes[i]) || attributes[i] is '-' or '_' or ':' or '.'))
            {
                i++;
            }

            if (i == nameStart)
            {
                if (attributesAfterQuote)
                {
                    return false;
                }

                i++;
                continue;
            }

            var name = attributes[nameStart..i];
            while (i < attributes.Length && char.IsWhiteSpace(attributes[i]))
            {
                i++;
            }

            if (i >= attributes.Length || attributes[i] != '=')
            {
                if (attributesAfterQuote && ++seen >= 4)
                {
                    return false;
                }

                continue;
            }

            i++;
            while (i < attributes.Length && char.IsWhiteSpace(attributes[i]))
            {
                i++;
            }

            var valueStart = i;
            if (i < attributes.Length && attributes[i] is '"' or '\'' or '`')
            {
                var quote = attributes[i];
                var end = attributes[(i + 1)..].IndexOf(quote);
                i = end < 0 ? attributes.Length : i + 2 + end;
            }
            else
            {
                while (i < attributes.Length && !char.IsWhiteSpace(attributes[i]) && attributes[i] != '>')
                {
                    i++;
                }
            }

            var value = attributes[valueStart..i];
            if (name is "srcdoc" || (IsHandlerName(name) && (closed || LooksLikeCode(value))))
            {
                return true;
            }

            if (attributesAfterQuote && ++seen >= 4)
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsHandlerName(ReadOnlySpan<char> name)
    {
        if (name.Length < 5 || name[0] != 'o' || name[1] != 'n')
        {
            return false;
        }

        foreach (var c in name[2..])
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeCode(ReadOnlySpan<char> value) => value.IndexOfAny("(`=&\\") >= 0;

    /// <summary><c>" onmouseover="alert(1)</c>: a quote ending an attribute value, then attributes of the attacker's.</summary>
    private static bool HasAttributeBreakout(ReadOnlySpan<char> text)
    {
        var at = 0;
        while (at < text.Length && text[at..].IndexOfAny(Quotes) is var offset and >= 0)
        {
            var after = at + offset + 1;
            at = after;
            if (after >= text.Length || !(char.IsWhiteSpace(text[after]) || text[after] == '/'))
            {
                continue;
            }

            var window = text[after..Math.Min(text.Length, after + AttributeWindow)];
            var close = window.IndexOf('>');
            if (HasHandler(close < 0 ? window : window[..close], closed: close >= 0, attributesAfterQuote: true))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasScriptUrl(ReadOnlySpan<char> text)
    {
        foreach (var scheme in Schemes)
        {
            var at = 0;
            while (at < text.Length && text[at..].IndexOf(scheme[0]) is var offset and >= 0)
            {
                var start = at + offset;
                at = start + 1;
                if (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]))
                {
                    continue;
                }

                if (MatchLoosely(text[start..], scheme) is var length and > 0)
                {
                    var code = text[(start + length)..];
                    if (code[..Math.Min(code.Length, SchemeWindow)].IndexOfAny("(`=") >= 0)
                    {
                        return true;
                    }
                }
            }
        }

        var data = 0;
        while (data < text.Length && text[data..].IndexOf("data:", StringComparison.Ordinal) is var offset and >= 0)
        {
            var type = text[(data + offset + 5)..].TrimStart();
            foreach (var dangerous in DataTypes)
            {
                if (type.StartsWith(dangerous, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            data += offset + 5;
        }

        return false;
    }

    /// <summary>The length of <paramref name="word"/> at the start of <paramref name="text"/> with tabs and line breaks inside; 0 when absent.</summary>
    private static int MatchLoosely(ReadOnlySpan<char> text, string word)
    {
        var i = 0;
        foreach (var expected in word)
        {
            while (i < text.Length && text[i] is '\t' or '\n' or '\r')
            {
                i++;
            }

            if (i >= text.Length || text[i] != expected)
            {
                return 0;
            }

            i++;
        }

        return i;
    }

    /// <summary><c>';alert(1)//</c>, <c>"-confirm(1)-"</c>: a quote closing a script string, operators, then a call.</summary>
    private static bool HasScriptBreakout(ReadOnlySpan<char> text)
    {
        var at = 0;
        while (at < text.Length && text[at..].IndexOfAny(Quotes) is var offset and >= 0)
        {
            var i = at + offset + 1;
            at = i;
            var operators = 0;
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] is ';' or '-' or '+' or '*' or ',' or '|' or '&' or ')' or '}' or ']'))
            {
                operators += char.IsWhiteSpace(text[i]) ? 0 : 1;
                i++;
            }

            if (operators is > 0 and <= 4 && StartsWithSink(text[i..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithSink(ReadOnlySpan<char> text)
    {
        foreach (var sink in Sinks)
        {
            if (text.StartsWith(sink, StringComparison.Ordinal))
            {
                if (sink[^1] is '.' or '[')
                {
                    return true;
                }

                var rest = text[sink.Length..].TrimStart();
                return rest.Length > 0 && rest[0] is '(' or '`';
            }
        }

        return false;
    }

    /// <summary><c>alert(1)</c>, <c>prompt`1`</c>, <c>confirm(document.domain)</c>, <c>eval(atob(...))</c> — not <c>x.alert(</c>, nor a prose "confirm(yes)".</summary>
    private static bool HasProbeCall(ReadOnlySpan<char> text)
    {
        var at = 0;
        while (at < text.Length && text[at..].IndexOfAny('(', '`') is var offset and >= 0)
        {
            var open = at + offset;
            at = open + 1;
            var nameEnd = open;
            while (nameEnd > 0 && char.IsWhiteSpace(text[nameEnd - 1]))
            {
                nameEnd--;
            }

            var nameStart = nameEnd;
            while (nameStart > 0 && char.IsAsciiLetter(text[nameStart - 1]))
            {
                nameStart--;
            }

            if (nameStart > 0 && (char.IsAsciiLetterOrDigit(text[nameStart - 1]) || text[nameStart - 1] is '.' or '_' or '$'))
            {
                continue;
            }

            var name = text[nameStart..nameEnd];
            var argument = text[(open + 1)..].TrimStart();
            var probe = name switch
            {
                "alert" or "prompt" or "confirm" => text[open] == '`' || StartsLikeProbeArgument(argument),
                "eval" => argument.StartsWith("atob", StringComparison.Ordinal) || argument.StartsWith("unescape", StringComparison.Ordinal)
                    || argument.StartsWith("decodeuri", StringComparison.Ordinal) || argument.StartsWith("location", StringComparison.Ordinal)
                    || argument.StartsWith("name", StringComparison.Ordinal) || StartsLikeProbeArgument(argument),
                _ => false,
            };
            if (probe)
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsLikeProbeArgument(ReadOnlySpan<char> argument) =>
        argument.Length > 0 && (char.IsAsciiDigit(argument[0]) || argument[0] is '\'' or '"' or '`' or '/' or ')'
            || argument.StartsWith("document", StringComparison.Ordinal) || argument.StartsWith("window", StringComparison.Ordinal)
            || argument.StartsWith("this", StringComparison.Ordinal) || argument.StartsWith("location", StringComparison.Ordinal)
            || argument.StartsWith("string.", StringComparison.Ordinal) || argument.StartsWith("top", StringComparison.Ordinal));

    /// <summary><c>width:expression(alert(1))</c>: CSS expressions as a property value.</summary>
    private static bool HasCssExpression(ReadOnlySpan<char> text)
    {
        var at = 0;
        while (at < text.Length && text[at..].IndexOf("expression", StringComparison.Ordinal) is var offset and >= 0)
        {
            var start = at + offset;
            at = start + 10;
            var after = text[at..].TrimStart();
            var before = text[..start].TrimEnd();
            if (after.Length > 0 && after[0] == '(' && before.Length > 0 && before[^1] is ':' or '=')
            {
                return true;
            }
        }

        return false;
    }
}
