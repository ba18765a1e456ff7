using System.Diagnostics;
using Platform.Functions;
using Platform.Gateway.Pipeline;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// Builds the payload 2.0 event of HTTP APIs (AWS-REFERENCE §2.2): lowercase header names, repeated headers and
/// query keys joined with <c>,</c> (no space), the <c>Cookie</c> header split into <c>cookies</c> and removed from
/// <c>headers</c>, and the optional parts (cookies, query, path parameters, stage variables, body) omitted when absent.
/// </summary>
internal static class ProxyEventV2Builder
{
    public const string Version = "2.0";

    private const string CookieHeader = "cookie";

    public static APIGatewayHttpApiV2ProxyRequest Build(HttpContext context, GatewayRequestFeature request, ReadOnlySpan<byte> body, ActivityTraceId traceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (api, stage, route) = ProxyEventRequest.Resolved(request);
        var http = context.Request;

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string>? cookies = null;
        foreach (var (name, values) in ProxyEventHeaders.Collect(context, traceId, lowerCaseNames: true))
        {
            if (name == CookieHeader)
            {
                cookies = SplitCookies(values);
                continue;
            }

            headers[name] = string.Join(',', values);
        }

        var rawQuery = ProxyEventQuery.Raw(http);
        Dictionary<string, string>? query = null;
        foreach (var group in ProxyEventQuery.Parse(rawQuery).GroupBy(static p => p.Key, StringComparer.Ordinal))
        {
            query ??= new Dictionary<string, string>(StringComparer.Ordinal);
            query[group.Key] = string.Join(',', group.Select(static p => p.Value));
        }

        var (text, isBase64) = ProxyEventBody.Encode(body, http.ContentType, api.Protocol);
        return new APIGatewayHttpApiV2ProxyRequest
        {
            Version = Version,
            RouteKey = route.Key.Text,
            RawPath = request.EventRawPath,
            RawQueryString = rawQuery,
            Cookies = cookies,
            Headers = headers,
            QueryStringParameters = query,
            PathParameters = ProxyEventRequest.PathParameters(request),
            StageVariables = ProxyEventRequest.StageVariables(stage),
            RequestContext = new APIGatewayHttpApiV2RequestContext
            {
                AccountId = ContextVariables.AccountId,
                ApiId = api.Name,
                DomainName = request.DomainName,
                DomainPrefix = request.DomainPrefix,
                Http = new APIGatewayHttpApiV2HttpDescription
                {
                    Method = http.Method,
                    Path = request.EventRawPath,
                    Protocol = http.Protocol,
                    SourceIp = ProxyEventRequest.SourceIp(context),
                    UserAgent = ProxyEventRequest.UserAgent(context),
                },
                RequestId = request.EventRequestId,
                Authorizer = Authorization.AuthorizerEvents.V2(request.Authorizer),
                RouteKey = route.Key.Text,
                Stage = stage.Name,
                Time = ContextVariables.FormatClfTime(request.RequestTime),
                TimeEpoch = request.RequestTime.ToUnixTimeMilliseconds(),
            },
            Body = text,
            IsBase64Encoded = isBase64,
        };
    }

    // "a=1; b=2" → ["a=1", "b=2"]; HTTP/2 clients send one Cookie header per cookie, so every value is split.
    private static List<string>? SplitCookies(string[] values)
    {
        var cookies = values
            .SelectMany(static v => v.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        return cookies.Count > 0 ? cookies : null;
    }
}
