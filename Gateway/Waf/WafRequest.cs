using System.Text;
using Platform.Definitions.Waf;
using Platform.Gateway.Waf.Rate;

namespace Platform.Gateway.Waf;

/// <summary>
/// One request as the WAF's matchers see it: the connection's source address, the raw path and query string, the
/// headers, the first 8 KB of the body when some statement reads it, and the country when a geo match asks. Values
/// are handed to matchers as spans of the strings the server already holds; nothing is copied for a field no
/// statement reads.
/// </summary>
internal sealed class WafRequest(HttpContext context, string path, UInt128 source, WafRateLimiter rates, GeoSource? geo)
{
    /// <summary>A test of one field value with the matcher's state, so matchers pass static lambdas and allocate nothing.</summary>
    public delegate bool ValueTest<in TState>(ReadOnlySpan<char> value, TState state);

    private string? _country;
    private bool _countryKnown;

    /// <summary>The connection's remote address (see <see cref="IpAddressKey"/>).</summary>
    public UInt128 Source { get; } = source;

    public WafRateLimiter Rates { get; } = rates;

    /// <summary>The body's first <see cref="FieldToMatch.BodyInspectionLimit"/> bytes as text; empty when no statement reads it or there is none.</summary>
    public ReadOnlyMemory<char> Body { get; set; }

    /// <summary>The body's size in bytes: its Content-Length, or what was read (at most the inspection limit + 1).</summary>
    public long BodySize { get; set; }

    /// <summary>The body is longer than the inspection limit.</summary>
    public bool BodyOversize { get; set; }

    /// <summary>The request's country (upper case), from the ACL's geo header or database; null when unknown.</summary>
    public string? Country
    {
        get
        {
            if (!_countryKnown)
            {
                _country = geo switch
                {
                    { Header: { } header } => context.Request.Headers[header].ToString() is { Length: > 0 } code ? code.Trim().ToUpperInvariant() : null,
                    { Database: { } database } => database.Lookup(Source),
                    _ => null,
                };
                _countryKnown = true;
            }

            return _country;
        }
    }

    /// <summary>
    /// Whether <paramref name="test"/> holds for some value of <paramref name="field"/>. With <paramref name="splitQuery"/>
    /// the query string is tested one argument name and value at a time; otherwise whole. A body past the inspection
    /// limit matches or not as <paramref name="oversize"/> says, or has its first 8 KB tested.
    /// </summary>
    public bool AnyValue<TState>(FieldToMatch field, bool splitQuery, OversizeHandling oversize, ValueTest<TState> test, TState state)
    {
        var request = context.Request;
        switch (field.Kind)
        {
            case FieldToMatchKind.QueryString:
                var query = QueryString;
                return splitQuery ? AnyArgument(query, null, test, state) : test(query, state);
            case FieldToMatchKind.Body:
                if (BodyOversize && oversize != OversizeHandling.Continue)
                {
                    return oversize == OversizeHandling.Match;
                }

                return !Body.IsEmpty && test(Body.Span, state);
            case FieldToMatchKind.AllHeaders:
                foreach (var header in request.Headers)
                {
                    foreach (var value in header.Value)
                    {
                        if (value is not null && test(value, state))
                        {
                            return true;
                        }
                    }
                }

                return false;
            case FieldToMatchKind.UriPath:
                return test(path, state);
            case FieldToMatchKind.SingleHeader:
                foreach (var value in request.Headers[field.Name!])
                {
                    if (value is not null && test(value, state))
                    {
                        return true;
                    }
                }

                return false;
            case FieldToMatchKind.SingleQueryArgument:
                return AnyArgument(QueryString, field.Name, test, state);
            default:
                return test(request.Method, state);
        }
    }

    /// <summary>The field's size in bytes (UTF-8), for size constraints.</summary>
    public long SizeOf(FieldToMatch field)
    {
        var request = context.Request;
        switch (field.Kind)
        {
            case FieldToMatchKind.Body:
                return BodySize;
            case FieldToMatchKind.AllHeaders:
                long total = 0;
                foreach (var header in request.Headers)
                {
                    foreach (var value in header.Value)
                    {
                        total += header.Key.Length + 2 + Encoding.UTF8.GetByteCount(value ?? "");
                    }
                }

                return total;
            case FieldToMatchKind.SingleHeader:
                return Encoding.UTF8.GetByteCount(request.Headers[field.Name!].ToString());
            case FieldToMatchKind.SingleQueryArgument:
                long size = 0;
                foreach (var (argumentName, value) in new QueryArguments(QueryString))
                {
                    if (NameEquals(argumentName, field.Name!))
                    {
                        size += Encoding.UTF8.GetByteCount(value);
                    }
                }

                return size;
            default:
                var text = field.Kind == FieldToMatchKind.QueryString ? QueryString : field.Kind == FieldToMatchKind.UriPath ? path : request.Method;
                return Encoding.UTF8.GetByteCount(text);
        }
    }

    /// <summary>The raw query string, without its <c>?</c>.</summary>
    private ReadOnlySpan<char> QueryString => context.Request.QueryString.Value is { Length: > 1 } query ? query.AsSpan(1) : [];

    /// <summary>
    /// Tests each argument of <paramref name="query"/>: with <paramref name="name"/>, the values of the arguments of that
    /// name (compared decoded, ignoring case); without, every argument's name and value.
    /// </summary>
    private static bool AnyArgument<TState>(ReadOnlySpan<char> query, string? name, ValueTest<TState> test, TState state)
    {
        foreach (var (argumentName, value) in new QueryArguments(query))
        {
            if (name is not null)
            {
                if (NameEquals(argumentName, name) && test(value, state))
                {
                    return true;
                }
            }
            else if (test(argumentName, state) || (!value.IsEmpty && test(value, state)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NameEquals(ReadOnlySpan<char> raw, string name)
    {
        if (raw.IndexOfAny('%', '+') < 0)
        {
            return raw.Equals(name, StringComparison.OrdinalIgnoreCase);
        }

        Span<char> decoded = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        raw.CopyTo(decoded);
        var length = Detection.WafText.UrlDecode(decoded, plusIsSpace: true);
        return decoded[..length].Equals(name, StringComparison.OrdinalIgnoreCase);
    }
}
