using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// The characters of a JSON string value or property name, decoded from the document's raw UTF-8 into a caller's
/// stack buffer (or a pooled array when longer), so reading a string never allocates. Dispose returns the pooled array.
/// </summary>
internal ref struct JsonText
{
    /// <summary>Stack buffers of this many chars cover typical values; longer ones rent from the pool.</summary>
    public const int StackLength = 256;

    private char[]? _rented;

    private JsonText(ReadOnlySpan<byte> raw, Span<char> buffer)
    {
        var destination = raw.Length <= buffer.Length ? buffer : _rented = ArrayPool<char>.Shared.Rent(raw.Length);
        Chars = destination[..Decode(raw, destination)];
    }

    public ReadOnlySpan<char> Chars { get; }

    /// <summary>The value of a string element (its raw text is quoted; the quotes are dropped).</summary>
    public static JsonText Of(JsonElement element, Span<char> buffer)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return new JsonText(raw[1..^1], buffer);
    }

    /// <summary>The name of a property (its raw text is unquoted).</summary>
    public static JsonText Of(JsonProperty property, Span<char> buffer) => new(JsonMarshal.GetRawUtf8PropertyName(property), buffer);

    /// <summary>The length in Unicode code points, as ajv counts it: a surrogate pair is one character.</summary>
    public static int CountCodePoints(ReadOnlySpan<char> text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }
    }

    /// <summary>Decodes raw JSON string content (UTF-8 with escapes, already validated by the parser) into UTF-16.</summary>
    private static int Decode(ReadOnlySpan<byte> raw, Span<char> destination)
    {
        var written = 0;
        while (raw.Length > 0)
        {
            var escape = raw.IndexOf((byte)'\\');
            var run = escape < 0 ? raw : raw[..escape];
            written += Encoding.UTF8.GetChars(run, destination[written..]);
            if (escape < 0)
            {
                break;
            }

            destination[written++] = raw[escape + 1] switch
            {
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                (byte)'u' => (char)ushort.Parse(raw.Slice(escape + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
                var other => (char)other,
            };
            raw = raw[(escape + (raw[escape + 1] == (byte)'u' ? 6 : 2))..];
        }

        return written;
    }
}
