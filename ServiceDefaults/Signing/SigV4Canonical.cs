using System.Security.Cryptography;
using System.Text;

namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// The canonical request of Signature Version 4, built the same way for verifying and for signing.
/// Paths and queries start from the request target as it travels on the wire, never a decoded form: the client
/// signed what it sent.
/// </summary>
internal static class SigV4Canonical
{
    private const string HexUpper = "0123456789ABCDEF";

    /// <summary>Splits an origin-form (or absolute-form) request target into raw path and raw query.</summary>
    public static (string Path, string Query) SplitTarget(string rawTarget)
    {
        if (!rawTarget.StartsWith('/'))
        {
            var authority = rawTarget.IndexOf("://", StringComparison.Ordinal);
            if (authority < 0)
            {
                return ("/", "");
            }

            var pathStart = rawTarget.IndexOfAny(['/', '?'], authority + 3);
            rawTarget = pathStart < 0 ? "/" : rawTarget[pathStart..];
        }

        var fragment = rawTarget.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            rawTarget = rawTarget[..fragment];
        }

        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? (rawTarget, "") : (rawTarget[..query], rawTarget[(query + 1)..]);
    }

    /// <summary>
    /// The canonical URI of a non-S3 service: the wire path with dot segments and empty segments removed, then
    /// URI-encoded once more — so <c>/chat/@connections/a%3D</c> signs as <c>/chat/%40connections/a%253D</c>,
    /// which is botocore's <c>quote(normalize_url_path(path), safe='/~')</c> and AWS's "encode twice".
    /// </summary>
    public static string CanonicalUri(string rawPath) => Encode(Encoding.UTF8.GetBytes(RemoveDotSegments(rawPath)), keepSlash: true);

    /// <summary>RFC 3986 §5.2.4 plus the collapsing of consecutive slashes that AWS services expect.</summary>
    public static string RemoveDotSegments(string path)
    {
        if (path.Length == 0)
        {
            return "/";
        }

        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        var first = path[0] == '/' ? "/" : "";
        var last = path[^1] == '/' && output.Count > 0 ? "/" : "";
        return first + string.Join('/', output) + last;
    }

    /// <summary>
    /// The query parameters of a raw query in canonical form: each name and value percent-decoded, then encoded
    /// with only unreserved characters left bare (space is <c>%20</c>, <c>+</c> is <c>%2B</c>), sorted by name
    /// then value in byte order. A parameter without <c>=</c> has an empty value.
    /// </summary>
    public static List<KeyValuePair<string, string>> CanonicalParameters(string rawQuery)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var piece in rawQuery.Split('&'))
        {
            if (piece.Length == 0)
            {
                continue;
            }

            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? piece : piece[..equals];
            var value = equals < 0 ? "" : piece[(equals + 1)..];
            parameters.Add(new(Encode(PercentDecode(name), keepSlash: false), Encode(PercentDecode(value), keepSlash: false)));
        }

        parameters.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Key, b.Key);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return parameters;
    }

    /// <summary>The canonical query string, leaving out parameters named <paramref name="excluded"/>.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters, string? excluded = null)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (excluded is not null && string.Equals(name, excluded, StringComparison.Ordinal))
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(name).Append('=').Append(value);
        }

        return builder.ToString();
    }

    /// <summary>A header value as signed: trimmed, every run of whitespace collapsed to one space.</summary>
    public static string TrimAll(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public static string CanonicalRequest(string method, string canonicalUri, string canonicalQuery,
        IEnumerable<KeyValuePair<string, string>> canonicalHeaders, string signedHeaders, string payloadHash)
    {
        var builder = new StringBuilder()
            .Append(method).Append('\n')
            .Append(canonicalUri).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        return builder.Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(payloadHash)
            .ToString();
    }

    public static string Scope(string date, string region, string service) => $"{date}/{region}/{service}/{SigV4Constants.Terminator}";

    public static string StringToSign(string timestamp, string scope, string canonicalRequest) =>
        $"{SigV4Constants.Algorithm}\n{timestamp}\n{scope}\n{Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>RFC 3986 encoding of bytes: unreserved characters (and '/' when asked) bare, the rest %XX upper-case.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || (keepSlash && b == '/'))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Percent-decodes to bytes; a '%' not followed by two hex digits stays literal.</summary>
    public static byte[] PercentDecode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var output = new List<byte>(text.Length);
        var literalStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                output.AddRange(Encoding.UTF8.GetBytes(text[literalStart..i]));
                output.Add((byte)((Uri.FromHex(text[i + 1]) << 4) | Uri.FromHex(text[i + 2])));
                i += 2;
                literalStart = i + 1;
            }
        }

        output.AddRange(Encoding.UTF8.GetBytes(text[literalStart..]));
        return [.. output];
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
