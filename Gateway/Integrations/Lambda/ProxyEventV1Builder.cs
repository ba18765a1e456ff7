using System.Diagnostics;
using Platform.Functions;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// Builds the payload 1.0 event (AWS-REFERENCE §2.1) for REST APIs and for HTTP APIs whose integration asks for
/// 1.0. REST omits <c>version</c> and keeps header spelling; HTTP APIs send <c>"1.0"</c> and lowercase header
/// names (§1.5). Single-value maps hold the last value, multi-value maps every value in order; empty maps and an
/// absent body are <c>null</c>.
/// </summary>
internal static class ProxyEventV1Builder
{
    public const string Version = "1.0";

    public static APIGatewayProxyRequest Build(HttpContext context, GatewayRequestFeature request, ReadOnlySpan<byte> body, ActivityTraceId traceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (api, stage, route) = ProxyEventRequest.Resolved(request);
        var rest = api.Protocol == ApiProtocol.Rest;
        var http = context.Request;

        var headers = ProxyEventHeaders.Collect(context, traceId, lowerCaseNames: !rest);
        var (single, multi) = Maps(headers.Select(static h => (h.Key, (IEnumerable<string>)h.Value)));
        var query = ProxyEventQuery.Parse(ProxyEventQuery.Raw(http));
        var (singleQuery, multiQuery) = Maps(query.GroupBy(static p => p.Key, StringComparer.Ordinal)
            .Select(static g => (g.Key, g.Select(static p => p.Value))));
        var (text, isBase64) = ProxyEventBody.Encode(body, http.ContentType, api.Protocol);
        var resourcePath = ProxyEventRequest.ResourcePath(route);

        return new APIGatewayProxyRequest
        {
            Version = rest ? null : Version,
            Resource = resourcePath,
            Path = request.EventPathV1,
            HttpMethod = http.Method,
            Headers = single,
            MultiValueHeaders = multi,
            QueryStringParameters = singleQuery,
            MultiValueQueryStringParameters = multiQuery,
            PathParameters = ProxyEventRequest.PathParameters(request),
            StageVariables = ProxyEventRequest.StageVariables(stage),
            RequestContext = new APIGatewayProxyRequestContext
            {
                AccountId = ContextVariables.AccountId,
                ApiId = api.Name,
                DomainName = request.DomainName,
                DomainPrefix = request.DomainPrefix,
                ExtendedRequestId = request.ExtendedRequestId,
                HttpMethod = http.Method,
                Authorizer = Authorization.AuthorizerEvents.V1(request.Authorizer),
                Identity = new APIGatewayProxyRequestIdentity
                {
                    SourceIp = ProxyEventRequest.SourceIp(context),
                    UserAgent = ProxyEventRequest.UserAgent(context),
                    ApiKey = request.ApiKeyValue,
                    ApiKeyId = request.ApiKeyId,
                    AccessKey = request.Authorizer?.AccessKey,
                    Caller = request.Authorizer?.AccessKey,
                    User = request.Authorizer?.AccessKey,
                    UserArn = request.Authorizer?.AccessKey is { } accessKey ? Authorization.AuthorizerEvents.UserArn(accessKey) : null,
                    AccountId = request.Authorizer?.AccessKey is null ? null : ContextVariables.AccountId,
                },
                Path = request.EventRequestContextPathV1,
                Protocol = http.Protocol,
                RequestId = request.EventRequestId,
                RequestTime = ContextVariables.FormatClfTime(request.RequestTime),
                RequestTimeEpoch = request.RequestTime.ToUnixTimeMilliseconds(),
                ResourceId = ProxyEventRequest.ResourceId(api.Name, route),
                ResourcePath = resourcePath,
                Stage = stage.Name,
            },
            Body = text,
            IsBase64Encoded = isBase64,
        };
    }

    // Groups arrive with distinct keys, in first-seen order; both maps are null when there is nothing to put in them.
    internal static (Dictionary<string, string>? Single, Dictionary<string, IList<string>>? Multi) Maps(
        IEnumerable<(string Key, IEnumerable<string> Values)> groups)
    {
        Dictionary<string, string>? single = null;
        Dictionary<string, IList<string>>? multi = null;
        foreach (var (key, values) in groups)
        {
            var list = values.ToList();
            single ??= new Dictionary<string, string>(StringComparer.Ordinal);
            multi ??= new Dictionary<string, IList<string>>(StringComparer.Ordinal);
            single[key] = list[^1];
            multi[key] = list;
        }

        return (single, multi);
    }
}
