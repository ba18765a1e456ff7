using Platform.Gateway.Pipeline;

namespace Platform.Gateway.Authorization.Policies;

/// <summary>
/// The execute-api ARN of a request, as Lambda authorizers receive it (<c>methodArn</c>, <c>routeArn</c>) and as
/// policies name resources: <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c> with the
/// request path after the stage (no leading slash), or <c>.../{stage}/{routeKey}</c> for a WebSocket route.
/// </summary>
public static class ExecuteApiArn
{
    /// <summary>The region ARNs carry. Nothing here runs in an AWS region; policies usually match it with <c>*</c>.</summary>
    public const string Region = "us-east-1";

    public const string Prefix = "arn:aws:execute-api:";

    /// <summary><c>execute-api:/</c>: AWS's shorthand in resource policies for "this API's ARN prefix".</summary>
    public const string ShorthandPrefix = "execute-api:/";

    /// <summary>The ARN prefix of one API: <c>arn:aws:execute-api:{region}:{account}:{apiId}/</c>.</summary>
    public static string ApiPrefix(string apiId) => $"{Prefix}{Region}:{ContextVariables.AccountId}:{apiId}/";

    /// <summary>The ARN of an HTTP or REST request: method and the path matched against routes (stage prefix and mapping key excluded).</summary>
    public static string ForRequest(string apiId, string stage, string method, string routePath)
    {
        ArgumentNullException.ThrowIfNull(routePath);
        var path = routePath.StartsWith('/') ? routePath[1..] : routePath;
        return $"{ApiPrefix(apiId)}{stage}/{method}/{path}";
    }

    /// <summary>The ARN of a WebSocket route, e.g. <c>.../chat/prod/$connect</c>.</summary>
    public static string ForWebSocketRoute(string apiId, string stage, string routeKey) => $"{ApiPrefix(apiId)}{stage}/{routeKey}";

    /// <summary>The request's ARN: WebSocket APIs name their <c>$connect</c> route, others method and path.</summary>
    public static string Of(HttpContext context, GatewayRequestFeature request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var api = request.Api ?? throw new InvalidOperationException("the request has no API");
        var stage = request.Stage?.Name ?? throw new InvalidOperationException("the request has no stage");
        return api.Protocol == Definitions.ApiProtocol.WebSocket
            ? ForWebSocketRoute(api.Name, stage, request.RouteKeyText ?? "$connect")
            : ForRequest(api.Name, stage, context.Request.Method, request.RoutePath ?? "/");
    }

    /// <summary>
    /// True when <paramref name="pattern"/> matches <paramref name="arn"/>: IAM wildcards, <c>*</c> any run of
    /// characters (slashes included), <c>?</c> any one character, everything else exact and case-sensitive. A pattern
    /// in the <c>execute-api:/</c> shorthand is expanded against <paramref name="apiId"/> first.
    /// </summary>
    public static bool Matches(string pattern, string arn, string? apiId = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(arn);
        if (apiId is not null && pattern.StartsWith(ShorthandPrefix, StringComparison.Ordinal))
        {
            pattern = ApiPrefix(apiId) + pattern[ShorthandPrefix.Length..];
        }

        return Glob(pattern, arn);
    }

    /// <summary>Iterative wildcard match with single backtracking point: linear in practice, never exponential.</summary>
    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
