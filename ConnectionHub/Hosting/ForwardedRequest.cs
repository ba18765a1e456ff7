using System.Net;

namespace Platform.ConnectionHub.Hosting;

/// <summary>
/// How a request reached the hub: through the gateway, which names the API, stage and the path after them in
/// <c>X-Platform-*</c> headers (stripping any a client sent) and appends the client to <c>X-Forwarded-For</c>; or
/// directly, at <c>/{apiId}/{stage}/...</c>. The hub is an internal service: only the gateway and backends reach it.
/// </summary>
internal readonly record struct ForwardedRequest(string? ApiId, string? Stage, string? RoutePath, string? SourceIp)
{
    public const string ApiIdHeader = "X-Platform-Api-Id";
    public const string StageHeader = "X-Platform-Stage";
    public const string RoutePathHeader = "X-Platform-Route-Path";

    public bool ViaGateway => ApiId is not null;

    public static ForwardedRequest Of(HttpContext context)
    {
        var headers = context.Request.Headers;
        var apiId = headers[ApiIdHeader] is { Count: 1 } api && api[0] is { Length: > 0 } a ? a : null;
        var sourceIp = context.Connection.RemoteIpAddress?.ToString();
        if (apiId is not null && FirstForwardedFor(headers["X-Forwarded-For"].ToString()) is { } client)
        {
            sourceIp = client;
        }

        return new ForwardedRequest(apiId, headers[StageHeader].ToString(), headers[RoutePathHeader].ToString(), sourceIp);
    }

    private static string? FirstForwardedFor(string value)
    {
        var first = value.Split(',', 2)[0].Trim();
        return IPAddress.TryParse(first, out var address) ? address.ToString() : null;
    }
}
