using System.Globalization;
using System.Text;

namespace Platform.Definitions.Schemas;

/// <summary>
/// Writes a schema number the way JavaScript's Number.prototype.toString does (ECMA-262 Number::toString), so a
/// limit reads in our messages as in ajv's: <c>1</c> for 1.0, <c>1e+21</c>, <c>1e-7</c>, <c>0.000001</c>.
/// </summary>
internal static class JsNumberFormat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        // "R" is the shortest text that round-trips, as JavaScript's; only the layout differs.
        var shortest = Encoding.ASCII.GetBytes(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var number = new JsonNumberText(shortest);
        var digits = new StringBuilder(number.DigitCount);
        for (var i = 0; i < number.DigitCount; i++)
        {
            digits.Append((char)number.Digit(i));
        }

        return (value < 0 ? "-" : string.Empty) + Layout(digits.ToString(), (int)number.Exponent);
    }

    private static string Layout(string digits, int n)
    {
        var k = digits.Length;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return $"{digits[..n]}.{digits[n..]}";
        }

        if (-6 < n && n <= 0)
        {
            return $"0.{new string('0', -n)}{digits}";
        }

        var exponent = n - 1;
        var sign = exponent < 0 ? "-" : "+";
        var mantissa = k == 1 ? digits : $"{digits[0]}.{digits[1..]}";
        return $"{mantissa}e{sign}{Math.Abs(exponent).ToString(CultureInfo.InvariantCulture)}";
    }
}
