using System.Diagnostics;
using System.Text.Json;
using Platform.Definitions;
using Platform.Definitions.Authorization;
using Platform.Definitions.Templates;
using Platform.Functions;
using Platform.Gateway.Integrations.Lambda;
using Platform.Gateway.Pipeline;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// The event a Lambda authorizer is invoked with (AWS-REFERENCE §5.2), as UTF-8 JSON. TOKEN authorizers get the
/// token and the method ARN; REQUEST authorizers get the request as the proxy events carry it (the payload 1.0 and
/// 2.0 builders of <see cref="Integrations.Lambda"/> make those parts, without the body, which authorizers never
/// see); a WEBSOCKET API's REQUEST authorizer gets the <c>$connect</c> shape.
/// </summary>
internal static class AuthorizerEventBuilder
{
    /// <summary>Which event shape an authorizer of <paramref name="api"/> receives.</summary>
    public static AuthorizerEventShape ShapeOf(ApiProtocol api, AuthorizerDefinition authorizer)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        return authorizer.Type == AuthorizerType.Token ? AuthorizerEventShape.Token
            : api == ApiProtocol.WebSocket ? AuthorizerEventShape.WebSocketConnect
            : api == ApiProtocol.Http && authorizer.PayloadFormatVersion != ProxyEventV1Builder.Version ? AuthorizerEventShape.RequestV2
            : AuthorizerEventShape.RequestV1;
    }

    public static byte[] Build(
        AuthorizerEventShape shape, HttpContext context, GatewayRequestFeature request, string arn, IReadOnlyList<string> identity)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(identity);
        var traceId = Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom();
        return shape switch
        {
            AuthorizerEventShape.Token => JsonSerializer.SerializeToUtf8Bytes(
                new TokenAuthorizerEvent { AuthorizationToken = identity[0], MethodArn = arn }, LambdaAuthorizerJsonContext.Wire.TokenAuthorizerEvent),
            AuthorizerEventShape.RequestV2 => JsonSerializer.SerializeToUtf8Bytes(
                RequestV2(context, request, arn, identity, traceId), LambdaAuthorizerJsonContext.Wire.RequestAuthorizerEventV2),
            AuthorizerEventShape.WebSocketConnect => JsonSerializer.SerializeToUtf8Bytes(
                WebSocketConnect(context, request, arn, traceId), LambdaAuthorizerJsonContext.Wire.WebSocketConnectAuthorizerEvent),
            _ => JsonSerializer.SerializeToUtf8Bytes(
                RequestV1(context, request, arn, identity, traceId), LambdaAuthorizerJsonContext.Wire.RequestAuthorizerEventV1),
        };
    }

    private static RequestAuthorizerEventV1 RequestV1(
        HttpContext context, GatewayRequestFeature request, string arn, IReadOnlyList<string> identity, ActivityTraceId traceId)
    {
        var proxy = ProxyEventV1Builder.Build(context, request, [], traceId);

        // HTTP APIs (proxy events with a version) add the identity values; REST APIs do not.
        var joined = proxy.Version is null ? null : string.Join(',', identity);
        return new RequestAuthorizerEventV1
        {
            Version = proxy.Version,
            MethodArn = arn,
            IdentitySource = joined,
            AuthorizationToken = joined,
            Resource = proxy.Resource,
            Path = proxy.Path,
            HttpMethod = proxy.HttpMethod,
            Headers = proxy.Headers,
            MultiValueHeaders = proxy.MultiValueHeaders,
            QueryStringParameters = proxy.QueryStringParameters,
            MultiValueQueryStringParameters = proxy.MultiValueQueryStringParameters,
            PathParameters = proxy.PathParameters,
            StageVariables = proxy.StageVariables,
            RequestContext = proxy.RequestContext,
        };
    }

    private static RequestAuthorizerEventV2 RequestV2(
        HttpContext context, GatewayRequestFeature request, string arn, IReadOnlyList<string> identity, ActivityTraceId traceId)
    {
        var proxy = ProxyEventV2Builder.Build(context, request, [], traceId);
        return new RequestAuthorizerEventV2
        {
            RouteArn = arn,
            IdentitySource = identity,
            RouteKey = proxy.RouteKey,
            RawPath = proxy.RawPath,
            RawQueryString = proxy.RawQueryString,
            Cookies = proxy.Cookies,
            Headers = proxy.Headers,
            QueryStringParameters = proxy.QueryStringParameters,
            RequestContext = proxy.RequestContext,
            PathParameters = proxy.PathParameters,
            StageVariables = proxy.StageVariables,
        };
    }

    // The hub builds the CONNECT event its $connect integration gets; this is the authorizer's copy of that shape,
    // made before the hub has accepted anything (so no connectionId, and connectedAt is the request's time).
    private static WebSocketConnectAuthorizerEvent WebSocketConnect(HttpContext context, GatewayRequestFeature request, string arn, ActivityTraceId traceId)
    {
        var api = request.Api ?? throw new InvalidOperationException("the request has no API");
        var stage = request.Stage ?? throw new InvalidOperationException("the request has no stage");
        var headers = ProxyEventHeaders.Collect(context, traceId, lowerCaseNames: false);
        var (single, multi) = ProxyEventV1Builder.Maps(headers.Select(static h => (h.Key, (IEnumerable<string>)h.Value)));
        var query = ProxyEventQuery.Parse(ProxyEventQuery.Raw(context.Request));
        var (singleQuery, multiQuery) = ProxyEventV1Builder.Maps(query.GroupBy(static p => p.Key, StringComparer.Ordinal)
            .Select(static g => (g.Key, g.Select(static p => p.Value))));
        var epoch = request.RequestTime.ToUnixTimeMilliseconds();
        return new WebSocketConnectAuthorizerEvent
        {
            MethodArn = arn,
            Headers = single,
            MultiValueHeaders = multi,
            QueryStringParameters = singleQuery,
            MultiValueQueryStringParameters = multiQuery,
            StageVariables = ProxyEventRequest.StageVariables(stage),
            RequestContext = new WebSocketConnectAuthorizerContext
            {
                ExtendedRequestId = request.ExtendedRequestId,
                RequestTime = ContextVariables.FormatClfTime(request.RequestTime),
                Stage = stage.Name,
                ConnectedAt = epoch,
                RequestTimeEpoch = epoch,
                Identity = new APIGatewayWebSocketIdentity
                {
                    SourceIp = ProxyEventRequest.SourceIp(context),
                    UserAgent = ProxyEventRequest.UserAgent(context),
                },
                RequestId = request.ExtendedRequestId,
                DomainName = request.DomainName,
                ApiId = api.Name,
            },
        };
    }
}
