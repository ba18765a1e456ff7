using System.Diagnostics;
using System.Globalization;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// The headers a proxy event carries (AWS-REFERENCE §2.1): the client's, without hop-by-hop headers, plus the
/// <c>X-Forwarded-For</c> / <c>-Port</c> / <c>-Proto</c> and <c>X-Amzn-Trace-Id</c> that API Gateway adds. The client's
/// own <c>X-Forwarded-For</c> is kept and the client address appended to it; its <c>X-Forwarded-Port</c>,
/// <c>X-Forwarded-Proto</c> and <c>X-Amzn-Trace-Id</c> are replaced, as only the gateway knows those facts.
/// </summary>
internal static class ProxyEventHeaders
{
    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedPort = "X-Forwarded-Port";
    public const string ForwardedProto = "X-Forwarded-Proto";
    public const string TraceId = "X-Amzn-Trace-Id";

    /// <summary>
    /// Every header in request order, then the added ones. <paramref name="lowerCaseNames"/> lowercases names (HTTP
    /// APIs); otherwise names keep the spelling the server reports: Kestrel keeps a client's spelling for headers it
    /// does not know and uses its canonical spelling (<c>Accept</c>, <c>Content-Type</c>) for those it does.
    /// </summary>
    public static List<KeyValuePair<string, string[]>> Collect(HttpContext context, ActivityTraceId traceId, bool lowerCaseNames)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var dropped = HopByHopHeaders.For(request.Headers.Connection);
        var headers = new List<KeyValuePair<string, string[]>>(request.Headers.Count + 4);
        var forwardedFor = new List<string>(2);
        foreach (var (name, values) in request.Headers)
        {
            if (dropped(name) || values.Count == 0
                || name.Equals(ForwardedPort, StringComparison.OrdinalIgnoreCase)
                || name.Equals(ForwardedProto, StringComparison.OrdinalIgnoreCase)
                || name.Equals(TraceId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Equals(ForwardedFor, StringComparison.OrdinalIgnoreCase))
            {
                forwardedFor.AddRange(values.Where(static v => !string.IsNullOrWhiteSpace(v))!);
                continue;
            }

            headers.Add(new(lowerCaseNames ? name.ToLowerInvariant() : name, values.ToArray()!));
        }

        if (ProxyEventRequest.SourceIp(context) is { } clientIp)
        {
            forwardedFor.Add(clientIp);
        }

        if (forwardedFor.Count > 0)
        {
            Add(headers, ForwardedFor, string.Join(", ", forwardedFor), lowerCaseNames);
        }

        Add(headers, ForwardedPort, Port(request).ToString(CultureInfo.InvariantCulture), lowerCaseNames);
        Add(headers, ForwardedProto, request.Scheme, lowerCaseNames);
        Add(headers, TraceId, TraceHeader(traceId), lowerCaseNames);
        return headers;
    }

    /// <summary>The X-Ray form of a W3C trace id: <c>Root=1-{first 8 hex}-{last 24 hex}</c>.</summary>
    public static string TraceHeader(ActivityTraceId traceId)
    {
        var hex = traceId.ToHexString();
        return $"Root=1-{hex[..8]}-{hex[8..]}";
    }

    // The port the client addressed: the Host header's, else the scheme's default. The local port would be wrong
    // behind a load balancer that maps 443 to the gateway's 8080.
    private static int Port(HttpRequest request) =>
        request.Host.Port ?? (string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);

    private static void Add(List<KeyValuePair<string, string[]>> headers, string name, string value, bool lowerCaseNames) =>
        headers.Add(new(lowerCaseNames ? name.ToLowerInvariant() : name, [value]));
}
