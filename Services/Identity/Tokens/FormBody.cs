using System.Text;

namespace Platform.Identity.Tokens;

/// <summary>
/// A strict <c>application/x-www-form-urlencoded</c> parser for the token endpoint. Unlike the framework's lenient
/// form reader it refuses what RFC 6749 forbids or cannot mean anything: a repeated parameter (§3.2), a pair
/// without <c>=</c>, a bad percent escape, bytes that are not UTF-8 (Appendix B).
/// </summary>
internal static class FormBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The parameters of <paramref name="body"/>; parameters with an empty value are left out, as §3.2 says they
    /// count as omitted. False with a description of the first problem otherwise.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out Dictionary<string, string> parameters, out string error)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        error = "";
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            error = "The request body is not UTF-8.";
            return false;
        }

        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !TryDecode(pair[..equals], out var name) || !TryDecode(pair[(equals + 1)..], out var value) || name.Length == 0)
            {
                error = "The request body is not a valid application/x-www-form-urlencoded form.";
                return false;
            }

            if (!names.Add(name))
            {
                error = $"The parameter '{name}' is repeated.";
                return false;
            }

            if (value.Length > 0)
            {
                parameters[name] = value;
            }
        }

        return true;
    }

    /// <summary>Decodes one form-encoded component: <c>+</c> is a space, <c>%XX</c> a byte; the bytes must be UTF-8.</summary>
    public static bool TryDecode(string encoded, out string decoded)
    {
        decoded = "";
        // Work on the UTF-8 bytes, so raw non-ASCII text (not escaped by a lenient client) keeps its meaning.
        var input = Encoding.UTF8.GetBytes(encoded);
        var output = new byte[input.Length];
        var length = 0;
        for (var i = 0; i < input.Length; i++)
        {
            switch (input[i])
            {
                case (byte)'+':
                    output[length++] = (byte)' ';
                    break;
                case (byte)'%':
                    if (i + 2 >= input.Length || !Uri.IsHexDigit((char)input[i + 1]) || !Uri.IsHexDigit((char)input[i + 2]))
                    {
                        return false;
                    }

                    output[length++] = (byte)((Uri.FromHex((char)input[i + 1]) << 4) | Uri.FromHex((char)input[i + 2]));
                    i += 2;
                    break;
                default:
                    output[length++] = input[i];
                    break;
            }
        }

        try
        {
            decoded = StrictUtf8.GetString(output, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
