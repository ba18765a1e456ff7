using System.Net;

namespace Platform.ConnectionHub.Hosting;

/// <summary>
/// How a request reached the hub: through the gateway, which names the API, stage and the path after them in
/// <c>X-Platform-*</c> headers (stripping any a client sent) and appends the client to <c>X-Forwarded-For</c>; or
/// directly, at <c>/{apiId}/{stage}/...</c>. The hub is an internal service: only the gateway and backends reach it.
/// </summary>
internal readonly record struct ForwardedRequest(string? ApiId, string? Stage, string? RoutePath, string? SourceIp, string? Authorizer)
{
    public const string ApiIdHeader = "X-Platform-Api-Id";
    public const string StageHeader = "X-Platform-Stage";
    public const string RoutePathHeader = "X-Platform-Route-Path";

    /// <summary>What the gateway's <c>$connect</c> authorizer established: base64 of the events' <c>requestContext.authorizer</c> JSON object.</summary>
    public const string AuthorizerHeader = "X-Platform-Authorizer";

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

        var authorizer = apiId is not null && headers[AuthorizerHeader] is { Count: 1 } encoded ? DecodeAuthorizer(encoded[0]) : null;
        return new ForwardedRequest(apiId, headers[StageHeader].ToString(), headers[RoutePathHeader].ToString(), sourceIp, authorizer);
    }

    /// <summary>The authorizer object as JSON text, or null when the header is not base64 of a JSON object.</summary>
    private static string? DecodeAuthorizer(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }

        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(bytes.AsMemory(0, length));
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object ? document.RootElement.GetRawText() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? FirstForwardedFor(string value)
    {
        var first = value.Split(',', 2)[0].Trim();
        return IPAddress.TryParse(first, out var address) ? address.ToString() : null;
    }
}
