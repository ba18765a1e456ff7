using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Platform.Gateway.Integrations.Http;

namespace Platform.Gateway.Caching;

/// <summary>
/// The status and headers of an integration's response as a cache entry keeps them: without hop-by-hop headers
/// (and those <c>Connection</c> names), without <c>Content-Length</c> (the stored body defines it) and <c>Date</c>
/// (the server writes its own), and without what the gateway adds per request — its request ids, <c>X-Cache</c>,
/// and the cache's own <c>Warning</c>. Also notes what forbids storing: <c>Set-Cookie</c> (one caller's cookie must
/// never reach another) and the backend's <c>Cache-Control: no-store</c> or <c>private</c>. AWS ignores the
/// backend's <c>Cache-Control</c>; honouring those two directives is this gateway's choice, so a backend can keep
/// per-user answers out of a shared cache.
/// </summary>
internal sealed class CachedHeaders
{
    private static readonly HashSet<string> PerRequest = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength,
        HeaderNames.Date,
        "x-amzn-RequestId",
        "apigw-requestid",
        "x-amz-apigw-id",
        ResponseCache.XCacheHeaderName,
    };

    private CachedHeaders(int statusCode, List<KeyValuePair<string, StringValues>> headers, bool hasSetCookie, bool forbidsStoring, long? contentLength)
    {
        StatusCode = statusCode;
        Headers = headers;
        HasSetCookie = hasSetCookie;
        ForbidsStoring = forbidsStoring;
        ContentLength = contentLength;
    }

    public int StatusCode { get; }

    public List<KeyValuePair<string, StringValues>> Headers { get; }

    public bool HasSetCookie { get; }

    /// <summary>The backend said <c>Cache-Control: no-store</c> or <c>private</c>.</summary>
    public bool ForbidsStoring { get; }

    /// <summary>The declared body length, to tell a complete body from a cut-off one.</summary>
    public long? ContentLength { get; }

    /// <param name="response">The response, before it starts.</param>
    /// <param name="ownWarning">True when the cache set the <c>Warning</c> header itself (it is then not stored).</param>
    public static CachedHeaders Read(HttpResponse response, bool ownWarning)
    {
        ArgumentNullException.ThrowIfNull(response);
        var source = response.Headers;
        var nominated = source.Connection.Count == 0
            ? null
            : new HashSet<string>(source.Connection.SelectMany(static v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
                StringComparer.OrdinalIgnoreCase);
        var kept = new List<KeyValuePair<string, StringValues>>(source.Count);
        foreach (var header in source)
        {
            if (PerRequest.Contains(header.Key) || ProxyHeaders.IsHopByHop(header.Key) || (nominated?.Contains(header.Key) ?? false)
                || (ownWarning && string.Equals(header.Key, HeaderNames.Warning, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            kept.Add(header);
        }

        return new CachedHeaders(response.StatusCode, kept, source.SetCookie.Count > 0, Forbids(source.CacheControl), response.ContentLength);
    }

    private static bool Forbids(StringValues cacheControl)
    {
        if (cacheControl.Count == 0)
        {
            return false;
        }

        return CacheControlHeaderValue.TryParse(cacheControl.ToString(), out var parsed) && (parsed.NoStore || parsed.Private);
    }
}
