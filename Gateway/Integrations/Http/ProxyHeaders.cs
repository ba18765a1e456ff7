using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Integrations.Http;

/// <summary>
/// Which headers cross the proxy. Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message,
/// so neither direction forwards them, nor any header a <c>Connection</c> header names. The backend gets its
/// own <c>Host</c>, and <c>X-Forwarded-*</c> describing the client's connection to the gateway (AWS-REFERENCE §2.1).
/// </summary>
internal static class ProxyHeaders
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Connection,
        HeaderNames.KeepAlive,
        "Proxy-Connection",
        HeaderNames.ProxyAuthenticate,
        HeaderNames.ProxyAuthorization,
        HeaderNames.TE,
        HeaderNames.Trailer,
        HeaderNames.TransferEncoding,
        HeaderNames.Upgrade,
    };

    // Not forwarded on requests: Host names the gateway; Content-Length travels on the body content; the gateway
    // answers Expect: 100-continue itself (Kestrel sends 100 when the body is first read), as AWS drops Expect.
    private static readonly HashSet<string> RequestOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Host,
        HeaderNames.ContentLength,
        HeaderNames.Expect,
        XForwardedFor,
        XForwardedProto,
        XForwardedPort,
    };

    // With a current activity the outbound handler writes the gateway's own span as the parent; the client's
    // trace headers would otherwise win and cut the gateway out of the trace.
    private static readonly HashSet<string> TraceContext = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.TraceParent,
        HeaderNames.TraceState,
        HeaderNames.RequestId,
        HeaderNames.Baggage,
        "Correlation-Context",
    };

    public const string XForwardedFor = "X-Forwarded-For";
    public const string XForwardedProto = "X-Forwarded-Proto";
    public const string XForwardedPort = "X-Forwarded-Port";

    public static bool IsHopByHop(string name) => HopByHop.Contains(name);

    /// <summary>Copies the client's headers onto <paramref name="target"/> (content headers onto its content, if any) and sets <c>X-Forwarded-*</c>.</summary>
    public static void CopyRequestHeaders(HttpContext context, HttpRequestMessage target)
    {
        var headers = context.Request.Headers;
        var nominated = NominatedBy(headers.Connection);
        var skipTrace = Activity.Current is not null;
        foreach (var (name, values) in headers)
        {
            if (HopByHop.Contains(name) || RequestOnly.Contains(name) || name.StartsWith(':')
                || (skipTrace && TraceContext.Contains(name)) || (nominated?.Contains(name) ?? false))
            {
                continue;
            }

            if (!Add(target.Headers, name, values) && target.Content is { } content)
            {
                Add(content.Headers, name, values);
            }
        }

        var clientIp = context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
        var forwardedFor = headers[XForwardedFor];
        var forwarded = forwardedFor.Count == 0 ? clientIp : clientIp is null ? forwardedFor.ToString() : forwardedFor + ", " + clientIp;
        if (forwarded is not null)
        {
            target.Headers.TryAddWithoutValidation(XForwardedFor, forwarded);
        }

        target.Headers.TryAddWithoutValidation(XForwardedProto, context.Request.Scheme);
        if (context.Connection.LocalPort > 0)
        {
            target.Headers.TryAddWithoutValidation(XForwardedPort, context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Copies the backend's response and content headers onto the client's response.</summary>
    public static void CopyResponseHeaders(HttpResponseMessage source, IHeaderDictionary target)
    {
        HashSet<string>? nominated = null;
        if (source.Headers.NonValidated.TryGetValues(HeaderNames.Connection, out var connection))
        {
            nominated = NominatedBy(new StringValues([.. connection]));
        }

        Copy(source.Headers.NonValidated, target, nominated);
        Copy(source.Content.Headers.NonValidated, target, nominated);
    }

    private static void Copy(HttpHeadersNonValidated headers, IHeaderDictionary target, HashSet<string>? nominated)
    {
        foreach (var (name, values) in headers)
        {
            if (HopByHop.Contains(name) || (nominated?.Contains(name) ?? false))
            {
                continue;
            }

            // Multi-value headers such as Set-Cookie must stay separate values, not one joined line.
            target[name] = values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);
        }
    }

    private static bool Add(HttpHeaders headers, string name, StringValues values) =>
        values.Count == 1
            ? headers.TryAddWithoutValidation(name, values.ToString())
            : headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);

    /// <summary>The header names a <c>Connection</c> header lists; null when there is none (the usual case, no allocation).</summary>
    private static HashSet<string>? NominatedBy(StringValues connection)
    {
        if (connection.Count == 0)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in connection)
        {
            foreach (var token in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(token);
            }
        }

        return names;
    }
}
