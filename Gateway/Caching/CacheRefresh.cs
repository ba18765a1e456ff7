using Microsoft.Net.Http.Headers;
using Platform.Definitions;
using Platform.Definitions.Responses;
using Platform.Gateway.Authorization.Policies;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.Caching;

/// <summary>A client's <c>Cache-Control: max-age=0</c>: asking for the entry to be refreshed, and the 403 of FAIL_WITH_403.</summary>
internal static class CacheRefresh
{
    /// <summary>True for <c>Cache-Control: max-age=0</c> (among any other directives).</summary>
    public static bool IsRequested(HttpRequest request)
    {
        var cacheControl = request.Headers.CacheControl;
        return cacheControl.Count > 0
            && CacheControlHeaderValue.TryParse(cacheControl.ToString(), out var parsed)
            && parsed.MaxAge == TimeSpan.Zero;
    }

    /// <summary>FAIL_WITH_403: ACCESS_DENIED; REST APIs name the caller, the action and the resource as IAM does.</summary>
    public static GatewayError Forbidden(HttpContext context, GatewayRequestFeature request)
    {
        var caller = request.Authorizer?.PrincipalId ?? "anonymous";
        var arn = ExecuteApiArn.Of(context, request);
        var message = request.Api!.Protocol == ApiProtocol.Rest
            ? $"User: {caller} is not authorized to perform: execute-api:InvalidateCache on resource: {arn}"
            : null;
        return new GatewayError(GatewayResponseType.AccessDenied, Message: message,
            Detail: $"Cache-Control: max-age=0 without the InvalidateCache permission (caller {caller}, resource {arn})");
    }
}
