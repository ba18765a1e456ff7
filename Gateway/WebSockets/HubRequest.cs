using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Platform.Gateway.Integrations.Http;
using Platform.Gateway.Pipeline;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// The request the ConnectionHub receives for a client's request, as the contract with the hub fixes it: the
/// client's method, raw request target (path and query undecoded) and <c>Host</c>, because the hub verifies
/// SigV4 signatures computed over them; the client's end-to-end headers (<see cref="ProxyHeaders"/>), plus
/// <c>Connection</c>/<c>Upgrade</c> for a WebSocket upgrade; and what the gateway resolved, in
/// <c>X-Platform-*</c> headers the client cannot forge (its copies are dropped first).
/// </summary>
internal static class HubRequest
{
    public const string ApiIdHeader = "X-Platform-Api-Id";
    public const string StageHeader = "X-Platform-Stage";
    public const string RoutePathHeader = "X-Platform-Route-Path";
    public const string RequestIdHeader = "X-Platform-Request-Id";

    /// <summary>The <c>$connect</c> authorizer's result as the hub's events carry it (<c>requestContext.authorizer</c>): base64 of UTF-8 JSON.</summary>
    public const string AuthorizerHeader = "X-Platform-Authorizer";

    /// <summary>The id of the API key <c>$connect</c> was admitted with.</summary>
    public const string ApiKeyIdHeader = "X-Platform-Api-Key-Id";
    public const string XForwardedHost = "X-Forwarded-Host";

    /// <summary>Route keys of forwarded requests (<see cref="GatewayRequestFeature.ForwardedRouteKey"/>).</summary>
    public const string ConnectRouteKey = "$connect";
    public const string ManagementRouteKey = "@connections";
    public const string OtherRouteKey = "$default";

    // Every header under the gateway's prefix is the gateway's to set, including names added to the contract later.
    private const string PlatformPrefix = "X-Platform-";
    private const string WebSocketToken = "websocket";

    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>An HTTP/1.1 WebSocket handshake that the server can upgrade (HTTP/2 extended CONNECT is not tunnelled).</summary>
    public static bool IsWebSocketUpgrade(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } && Names(context.Request.Headers.Upgrade, WebSocketToken);

    /// <summary>The raw path after the mapping key or stage: <c>""</c> for the API root, e.g. <c>/@connections/abc%3D</c>.</summary>
    public static string RoutePathOf(GatewayRequestFeature request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.RoutePath is null or "/" ? "" : request.RoutePath;
    }

    /// <summary><c>@connections</c> for the management API (<c>/@connections/...</c>, <c>@</c> possibly encoded), else <c>$default</c>.</summary>
    public static string RouteKeyOf(string routePath)
    {
        ArgumentNullException.ThrowIfNull(routePath);
        var path = routePath.AsSpan();
        var rest = path.StartsWith("/@", StringComparison.Ordinal) ? path[2..]
            : path.StartsWith("/%40", StringComparison.OrdinalIgnoreCase) ? path[4..]
            : [];
        return rest.StartsWith("connections", StringComparison.Ordinal) && (rest.Length == "connections".Length || rest["connections".Length] == '/')
            ? ManagementRouteKey
            : OtherRouteKey;
    }

    /// <summary>The replica's address with the client's request target exactly as received.</summary>
    public static Uri TargetOf(HttpContext context, Uri replica)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(replica);
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            // Absolute-form or asterisk-form targets (proxy requests, OPTIONS *) have no origin-form to keep.
            raw = (context.Request.PathBase + context.Request.Path).ToUriComponent() + context.Request.QueryString.ToUriComponent();
            raw = raw.Length == 0 || raw[0] != '/' ? "/" + raw : raw;
        }

        return new Uri(replica.GetLeftPart(UriPartial.Authority) + raw, in Verbatim);
    }

    /// <summary>The outbound request; <paramref name="body"/> is the client's body when it may have one (never for an upgrade).</summary>
    public static HttpRequestMessage Create(
        HttpContext context, GatewayRequestFeature request, Uri target, bool upgrade, out StreamingRequestContent? body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var outbound = new HttpRequestMessage(HttpMethod.Parse(context.Request.Method), target)
        {
            // The hub speaks cleartext HTTP/1.1; an upgrade must not be sent any other way (RFC 6455 §4.1).
            Version = HttpVersion.Version11,
            VersionPolicy = upgrade ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };

        body = null;
        if (!upgrade)
        {
            var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
                ?? (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0);
            body = canHaveBody ? new StreamingRequestContent(context.Request.Body, context.Request.ContentLength) : null;
            outbound.Content = body;
        }

        ProxyHeaders.CopyRequestHeaders(context, outbound);
        var headers = outbound.Headers;
        foreach (var name in context.Request.Headers.Keys)
        {
            if (name.StartsWith(PlatformPrefix, StringComparison.OrdinalIgnoreCase) || name.Equals(XForwardedHost, StringComparison.OrdinalIgnoreCase))
            {
                headers.Remove(name);
                outbound.Content?.Headers.Remove(name);
            }
        }

        var host = context.Request.Headers.Host.ToString();
        if (host.Length > 0)
        {
            headers.TryAddWithoutValidation(HeaderNames.Host, host);
            headers.TryAddWithoutValidation(XForwardedHost, host);
        }

        if (upgrade)
        {
            // Hop-by-hop, so ProxyHeaders dropped them; a tunnel is the one case where the next hop needs them.
            headers.TryAddWithoutValidation(HeaderNames.Connection, "Upgrade");
            headers.TryAddWithoutValidation(HeaderNames.Upgrade, context.Request.Headers.Upgrade.ToString());
        }

        headers.TryAddWithoutValidation(ApiIdHeader, request.Api?.Name);
        headers.TryAddWithoutValidation(StageHeader, request.Stage?.Name);
        headers.TryAddWithoutValidation(RoutePathHeader, RoutePathOf(request));
        headers.TryAddWithoutValidation(RequestIdHeader, request.RequestId);
        if (upgrade && request.Authorizer is { } authorizer)
        {
            headers.TryAddWithoutValidation(AuthorizerHeader, Convert.ToBase64String(Authorization.AuthorizerEvents.WebSocketJson(authorizer)));
        }

        if (upgrade && request.ApiKeyId is { } apiKeyId)
        {
            headers.TryAddWithoutValidation(ApiKeyIdHeader, apiKeyId);
        }

        return outbound;
    }

    private static bool Names(StringValues values, string token)
    {
        foreach (var value in values)
        {
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                if (part.Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
