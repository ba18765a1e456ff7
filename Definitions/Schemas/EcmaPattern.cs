using System.Text.RegularExpressions;

namespace Platform.Definitions.Schemas;

/// <summary>
/// Turns a JSON Schema <c>pattern</c> (an ECMAScript regular expression, which ajv compiles with the <c>u</c> flag)
/// into a .NET <see cref="Regex"/> with the same meaning where .NET can express it:
/// <list type="bullet">
/// <item><c>\d \w \s \b</c> and their negations are ECMAScript's (ASCII digits and word characters; ECMAScript's
/// whitespace list) — .NET's are Unicode-wide.</item>
/// <item><c>.</c> matches one code point (a surrogate pair as a whole) but no line terminator; <c>$</c> only at the
/// very end (.NET's also before a final newline); an astral literal is quantified as a whole.</item>
/// <item>A backreference to a group that did not take part matches the empty string (<c>(?(1)\1)</c>), as in ECMAScript.</item>
/// <item><c>[]</c> matches nothing, <c>[^]</c> anything.</item>
/// </list>
/// Rejected, as ECMAScript (u flag) rejects them: unknown escapes (<c>\-</c> outside a class, <c>\a</c>), .NET-only
/// groups (<c>(?i)</c>, <c>(?&gt;…)</c>, <c>(?#…)</c>). Rejected because .NET cannot match code points in a class:
/// astral characters in a class, <c>\u{…}</c> above U+FFFF in a class, <c>\D \W \S</c> in a negated class, Unicode
/// properties other than general categories. Still different: <c>\p{L}</c> tests UTF-16 units, so it misses astral letters.
/// </summary>
internal static class EcmaPattern
{
    /// <summary>A pathological pattern fails the instance instead of holding the request.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Compiles <paramref name="pattern"/>, or says why it is not a pattern we can run.</summary>
    public static Regex? TryCreate(string pattern, out string? error)
    {
        try
        {
            var translated = new EcmaPatternTranslator(pattern).Run();
            error = null;
            return new Regex(translated, RegexOptions.Compiled | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>True when the pattern matches somewhere in <paramref name="value"/>; a match that times out counts as no match.</summary>
    public static bool IsMatch(Regex regex, ReadOnlySpan<char> value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
