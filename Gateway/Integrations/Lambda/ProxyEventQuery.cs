namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// The query string as events carry it (AWS-REFERENCE §1.5): keys and values percent-decoded with <c>+</c> as a
/// space, case-sensitive keys, every occurrence in order; a key without <c>=</c> has the value <c>""</c>.
/// </summary>
internal static class ProxyEventQuery
{
    /// <summary>The query without its <c>?</c>, exactly as sent (payload 2.0 <c>rawQueryString</c>).</summary>
    public static string Raw(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.QueryString.Value;
        return string.IsNullOrEmpty(query) ? string.Empty : query[0] == '?' ? query[1..] : query;
    }

    /// <summary>The decoded pairs of <paramref name="rawQuery"/> in order; empty pieces (<c>a=1&amp;&amp;b=2</c>) are skipped.</summary>
    public static List<KeyValuePair<string, string>> Parse(string rawQuery)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var piece in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? piece : piece[..equals];
            var value = equals < 0 ? string.Empty : piece[(equals + 1)..];
            pairs.Add(new(Decode(key), Decode(value)));
        }

        return pairs;
    }

    // Malformed escapes (%zz) are kept as sent, which is what Uri.UnescapeDataString does with them.
    private static string Decode(string value) =>
        value.AsSpan().IndexOfAny('+', '%') < 0 ? value : Uri.UnescapeDataString(value.Replace('+', ' '));
}
