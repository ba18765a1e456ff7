using System.Numerics;

namespace Platform.Definitions.Schemas;

/// <summary>
/// A JSON number literal read from its UTF-8 text as sign, significant digits and decimal exponent
/// (value = ±0.d1d2…dn × 10^<see cref="Exponent"/>), so comparisons, equality and the integer test are exact for any
/// literal — 30-digit integers, 1e400, 1e-30 — without allocating. Doubles are only the fast path (see
/// <see cref="Compare(System.Text.Json.JsonElement, ReadOnlySpan{byte}, double)"/>); decimal would round 1e-30 to 0.
/// </summary>
internal readonly ref struct JsonNumberText
{
    // Beyond this the exponent only needs to stay ordered, not exact: 1e999999999999999 is "huge" either way.
    private const long ExponentLimit = 1_000_000_000_000;

    // Exact multipleOf scales big integers by 10^scale; beyond this the numbers would be absurdly large.
    private const long MaxScale = 10_000;

    private readonly ReadOnlySpan<byte> _mantissa;
    private readonly int _point;
    private readonly int _leadingZeros;

    public JsonNumberText(ReadOnlySpan<byte> literal)
    {
        Negative = literal.Length > 0 && literal[0] == (byte)'-';
        var body = Negative ? literal[1..] : literal;
        var e = body.IndexOfAny((byte)'e', (byte)'E');
        long exponent = 0;
        if (e >= 0)
        {
            exponent = ReadExponent(body[(e + 1)..]);
            body = body[..e];
        }

        _mantissa = body;
        var point = body.IndexOf((byte)'.');
        _point = point < 0 ? body.Length : point;
        var digits = body.Length - (point < 0 ? 0 : 1);
        var leading = 0;
        while (leading < digits && DigitAt(leading) == '0')
        {
            leading++;
        }

        _leadingZeros = leading;
        if (leading == digits)
        {
            DigitCount = 0;
            Exponent = 0;
            return;
        }

        var trailing = 0;
        while (DigitAt(digits - 1 - trailing) == '0')
        {
            trailing++;
        }

        DigitCount = digits - leading - trailing;
        Exponent = Math.Clamp(_point - leading + exponent, -ExponentLimit, ExponentLimit);
    }

    /// <summary>True for a literal starting with <c>-</c> (also <c>-0</c>, which still compares equal to 0).</summary>
    public bool Negative { get; }

    /// <summary>The number of significant digits; 0 for zero.</summary>
    public int DigitCount { get; }

    /// <summary>The decimal exponent of the first significant digit: 123.4 is 0.1234 × 10^3.</summary>
    public long Exponent { get; }

    public bool IsZero => DigitCount == 0;

    /// <summary>True when the value has no fractional part (1, 1.0, 1e2, 150e-1), as JSON Schema's "integer".</summary>
    public bool IsInteger => DigitCount == 0 || DigitCount <= Exponent;

    /// <summary>The i-th significant digit as an ASCII byte.</summary>
    public byte Digit(int index) => DigitAt(_leadingZeros + index);

    /// <summary>Compares two literals exactly: negative, zero or positive as <paramref name="left"/> is below, equal to or above.</summary>
    public static int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var a = new JsonNumberText(left);
        var b = new JsonNumberText(right);
        var signA = a.IsZero ? 0 : a.Negative ? -1 : 1;
        var signB = b.IsZero ? 0 : b.Negative ? -1 : 1;
        if (signA != signB || signA == 0)
        {
            return signA.CompareTo(signB);
        }

        var magnitude = a.Exponent != b.Exponent ? a.Exponent.CompareTo(b.Exponent) : CompareDigits(a, b);
        return signA * magnitude;
    }

    /// <summary>
    /// Compares a number instance with a schema limit; the doubles decide when they differ (rounding is monotonic, so
    /// a strict order of the doubles is the order of the exact values), the digits decide ties and infinities.
    /// </summary>
    public static int Compare(System.Text.Json.JsonElement instance, ReadOnlySpan<byte> limit, double limitValue)
    {
        var value = instance.GetDouble();
        if (value != limitValue && double.IsFinite(value) && double.IsFinite(limitValue))
        {
            return value < limitValue ? -1 : 1;
        }

        return Compare(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(instance), limit);
    }

    /// <summary>The exact value as a decimal, when it has at most 28 significant digits and 28 fractional digits.</summary>
    public bool TryGetDecimal(out decimal value)
    {
        value = 0m;
        if (IsZero)
        {
            return true;
        }

        var scale = DigitCount - Exponent;
        var width = DigitCount + Math.Max(0, -scale);
        if (scale > 28 || width > 28)
        {
            return false;
        }

        for (var i = 0; i < DigitCount; i++)
        {
            value = (value * 10) + (Digit(i) - '0');
        }

        for (var i = 0; i < -scale; i++)
        {
            value *= 10;
        }

        if (scale > 0)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            value = new decimal(bits[0], bits[1], bits[2], isNegative: false, (byte)scale);
        }

        if (Negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is an integer multiple of <paramref name="divisor"/>, exactly (big integers
    /// scaled by the powers of ten between them); false for <paramref name="exact"/> when the scales are too far apart.
    /// </summary>
    public static bool IsMultiple(JsonNumberText value, JsonNumberText divisor, out bool exact)
    {
        exact = true;
        if (value.IsZero)
        {
            return true;
        }

        var scale = (value.Exponent - value.DigitCount) - (divisor.Exponent - divisor.DigitCount);
        if (Math.Abs(scale) > MaxScale)
        {
            exact = false;
            return false;
        }

        var dividend = value.Significand();
        var by = divisor.Significand();
        return scale >= 0
            ? (dividend * BigInteger.Pow(10, (int)scale) % by).IsZero
            : (dividend % (by * BigInteger.Pow(10, (int)-scale))).IsZero;
    }

    private BigInteger Significand()
    {
        var result = BigInteger.Zero;
        for (var i = 0; i < DigitCount; i++)
        {
            result = (result * 10) + (Digit(i) - '0');
        }

        return result;
    }

    private static int CompareDigits(JsonNumberText a, JsonNumberText b)
    {
        var count = Math.Max(a.DigitCount, b.DigitCount);
        for (var i = 0; i < count; i++)
        {
            var x = i < a.DigitCount ? a.Digit(i) : (byte)'0';
            var y = i < b.DigitCount ? b.Digit(i) : (byte)'0';
            if (x != y)
            {
                return x < y ? -1 : 1;
            }
        }

        return 0;
    }

    private byte DigitAt(int index) => _mantissa[index < _point ? index : index + 1];

    private static long ReadExponent(ReadOnlySpan<byte> text)
    {
        var negative = text.Length > 0 && text[0] == (byte)'-';
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            text = text[1..];
        }

        long exponent = 0;
        foreach (var digit in text)
        {
            exponent = Math.Min((exponent * 10) + (digit - '0'), ExponentLimit * 10);
        }

        return negative ? -exponent : exponent;
    }
}
