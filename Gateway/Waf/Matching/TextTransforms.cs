using System.Buffers;
using Platform.Definitions.Waf;
using Platform.Gateway.Waf.Detection;

namespace Platform.Gateway.Waf.Matching;

/// <summary>A byte or regex match's text transformations, applied in order to a copy of the field (in a rented buffer: nothing allocated).</summary>
internal sealed class TextTransforms(IReadOnlyList<TextTransformation> transformations)
{
    private readonly TextTransformation[] _steps = [.. transformations];

    public bool IsEmpty => _steps.Length == 0;

    /// <summary>Copies <paramref name="value"/> into a rented buffer and transforms it; return the buffer with <see cref="ArrayPool{T}.Shared"/>.</summary>
    public char[] Apply(ReadOnlySpan<char> value, out int length)
    {
        var buffer = WafText.Rent(value.Length);
        value.CopyTo(buffer);
        length = value.Length;
        foreach (var step in _steps)
        {
            var text = buffer.AsSpan(0, length);
            length = step switch
            {
                TextTransformation.UrlDecode => WafText.UrlDecode(text, plusIsSpace: false),
                TextTransformation.HtmlEntityDecode => WafText.HtmlEntityDecode(text),
                TextTransformation.Lowercase => Lowercase(text),
                _ => CompressWhiteSpace(text),
            };
        }

        return buffer;
    }

    private static int Lowercase(Span<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = char.ToLowerInvariant(text[i]);
        }

        return text.Length;
    }

    private static int CompressWhiteSpace(Span<char> text)
    {
        var write = 0;
        var space = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' or '\u00a0')
            {
                if (!space)
                {
                    text[write++] = ' ';
                }

                space = true;
            }
            else
            {
                text[write++] = c;
                space = false;
            }
        }

        return write;
    }
}
