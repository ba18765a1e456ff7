using System.Runtime.InteropServices;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// JSON equality as enum, const and uniqueItems need it: numbers by value (1 == 1.0 == 1e0), strings by their decoded
/// characters (escapes do not matter), arrays in order, objects by name regardless of order. The hash agrees with it.
/// </summary>
internal static class JsonEquality
{
    public static bool Equal(JsonElement left, JsonElement right)
    {
        var kind = left.ValueKind;
        if (kind != right.ValueKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                var a = JsonMarshal.GetRawUtf8Value(left);
                var b = JsonMarshal.GetRawUtf8Value(right);
                return a.SequenceEqual(b) || JsonNumberText.Compare(a, b) == 0;
            case JsonValueKind.String:
                return StringEqual(left, right);
            case JsonValueKind.Array:
                return ArrayEqual(left, right);
            case JsonValueKind.Object:
                return ObjectEqual(left, right);
            default:
                return true;
        }
    }

    public static int Hash(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                var number = new JsonNumberText(JsonMarshal.GetRawUtf8Value(element));
                var hash = new HashCode();
                hash.Add(number.IsZero ? 0 : number.Negative ? -1 : 1);
                hash.Add(number.Exponent);
                for (var i = 0; i < number.DigitCount; i++)
                {
                    hash.Add(number.Digit(i));
                }

                return hash.ToHashCode();
            case JsonValueKind.String:
                using (var text = JsonText.Of(element, stackalloc char[JsonText.StackLength]))
                {
                    return string.GetHashCode(text.Chars, StringComparison.Ordinal);
                }

            case JsonValueKind.Array:
                var items = new HashCode();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Hash(item));
                }

                return items.ToHashCode();
            case JsonValueKind.Object:
                // Order-free: a sum of per-property hashes.
                var sum = 17;
                Span<char> buffer = stackalloc char[JsonText.StackLength];
                foreach (var property in element.EnumerateObject())
                {
                    using var name = JsonText.Of(property, buffer);
                    sum += HashCode.Combine(string.GetHashCode(name.Chars, StringComparison.Ordinal), Hash(property.Value));
                }

                return sum;
            default:
                return (int)element.ValueKind;
        }
    }

    private static bool StringEqual(JsonElement left, JsonElement right)
    {
        var a = JsonMarshal.GetRawUtf8Value(left);
        var b = JsonMarshal.GetRawUtf8Value(right);
        if (a.IndexOf((byte)'\\') < 0 && b.IndexOf((byte)'\\') < 0)
        {
            return a.SequenceEqual(b);
        }

        using var x = JsonText.Of(left, stackalloc char[JsonText.StackLength]);
        using var y = JsonText.Of(right, stackalloc char[JsonText.StackLength]);
        return x.Chars.SequenceEqual(y.Chars);
    }

    private static bool ArrayEqual(JsonElement left, JsonElement right)
    {
        if (left.GetArrayLength() != right.GetArrayLength())
        {
            return false;
        }

        var others = right.EnumerateArray();
        foreach (var item in left.EnumerateArray())
        {
            others.MoveNext();
            if (!Equal(item, others.Current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ObjectEqual(JsonElement left, JsonElement right)
    {
        if (left.GetPropertyCount() != right.GetPropertyCount())
        {
            return false;
        }

        Span<char> buffer = stackalloc char[JsonText.StackLength];
        foreach (var property in left.EnumerateObject())
        {
            using var name = JsonText.Of(property, buffer);
            if (!right.TryGetProperty(name.Chars, out var other) || !Equal(property.Value, other))
            {
                return false;
            }
        }

        return true;
    }
}
