using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Definitions.Schemas;

/// <summary>minLength / maxLength, in Unicode code points as ajv counts them (an emoji is one character).</summary>
internal sealed class LengthKeyword(long limit, bool isMaximum) : StringKeyword
{
    private readonly string _message = string.Create(
        CultureInfo.InvariantCulture, $"must NOT have {(isMaximum ? "more" : "fewer")} than {limit} characters");

    public override bool Evaluate(scoped ReadOnlySpan<char> value, ref ValidationContext context)
    {
        // Code points are at most the UTF-16 length and at least half of it: most strings are decided without counting.
        var valid = isMaximum
            ? value.Length <= limit || JsonText.CountCodePoints(value) <= limit
            : (value.Length + 1) / 2 >= limit || JsonText.CountCodePoints(value) >= limit;
        if (!valid)
        {
            context.Report(_message);
        }

        return valid;
    }
}

/// <summary><c>pattern</c>: an ECMAScript regular expression searched anywhere in the string (see <see cref="EcmaPattern"/>).</summary>
internal sealed class PatternKeyword(string pattern, Regex regex) : StringKeyword
{
    private readonly string _message = $"must match pattern \"{pattern}\"";

    public override bool Evaluate(scoped ReadOnlySpan<char> value, ref ValidationContext context)
    {
        if (EcmaPattern.IsMatch(regex, value))
        {
            return true;
        }

        context.Report(_message);
        return false;
    }
}

/// <summary><c>format</c>, for the formats <see cref="StringFormats"/> knows; others are not compiled (ignored).</summary>
internal sealed class FormatKeyword(string format, StringFormats.Check check) : StringKeyword
{
    private readonly string _message = $"must match format \"{format}\"";

    public override bool Evaluate(scoped ReadOnlySpan<char> value, ref ValidationContext context)
    {
        if (check(value))
        {
            return true;
        }

        context.Report(_message);
        return false;
    }
}
