using Platform.Definitions;
using Platform.Gateway.Responses;
using Platform.Gateway.Runtime;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Pipeline;

/// <summary>
/// The per-request state of the gateway pipeline, carried as a typed feature
/// (<c>context.Features.Get&lt;GatewayRequestFeature&gt;()</c>): what was resolved (API, stage, route), the paths
/// as AWS's events name them, and what happened (integration status and latency, gateway error) for the
/// access log and the metrics.
/// </summary>
public sealed class GatewayRequestFeature
{
    /// <summary>A UUID: the <c>x-amzn-RequestId</c> header and REST's <c>requestContext.requestId</c>.</summary>
    public required string RequestId { get; init; }

    /// <summary>A short base64-like id: the <c>apigw-requestid</c> header, HTTP APIs' <c>requestContext.requestId</c>, and <c>extendedRequestId</c>.</summary>
    public required string ExtendedRequestId { get; init; }

    /// <summary>When the gateway received the request.</summary>
    public required DateTimeOffset RequestTime { get; init; }

    /// <summary>A <see cref="System.Diagnostics.Stopwatch"/> timestamp taken when the gateway received the request.</summary>
    public required long StartTimestamp { get; init; }

    /// <summary>The definition snapshot the request runs on from start to end, whatever reloads happen meanwhile.</summary>
    public required CompiledGateway Gateway { get; init; }

    /// <summary>The path as the client sent it, still percent-encoded, including any stage prefix or mapping key.</summary>
    public required string RequestPath { get; init; }

    /// <summary>The <c>Host</c> without port: <c>requestContext.domainName</c>.</summary>
    public required string DomainName { get; init; }

    /// <summary>The first label of <see cref="DomainName"/>: <c>requestContext.domainPrefix</c>.</summary>
    public string DomainPrefix => DomainName.Split('.', 2)[0];

    public CompiledApi? Api { get; set; }

    public StageDefinition? Stage { get; set; }

    /// <summary>The part of <see cref="RequestPath"/> matched against routes: without the stage prefix or the mapping key. Encoded.</summary>
    public string? RoutePath { get; set; }

    /// <summary>The API mapping key that matched when a custom domain served the request (<c>""</c> for a root mapping); null otherwise.</summary>
    public string? BasePathMatched { get; set; }

    public RouteDefinition? Route { get; set; }

    /// <summary>
    /// The route key of a request forwarded to the ConnectionHub, which chooses a WEBSOCKET API's routes itself:
    /// <c>$connect</c> for a WebSocket upgrade, <c>@connections</c> for a management call, <c>$default</c> for any
    /// other request (SignalR negotiate, long polling). Null for HTTP and REST requests.
    /// </summary>
    public string? ForwardedRouteKey { get; set; }

    /// <summary>The route key spans, metrics and access logs name: the matched route's, else <see cref="ForwardedRouteKey"/>.</summary>
    public string? RouteKeyText => Route?.Key.Text ?? ForwardedRouteKey;

    /// <summary>Path parameters as events carry them: decoded for HTTP APIs, as sent for REST APIs; null when the route has none.</summary>
    public IReadOnlyDictionary<string, string>? PathParameters { get; set; }

    /// <summary>What the route's authorizer established (JWT claims, Lambda context, IAM caller); null for open routes.</summary>
    public Authorization.AuthorizerResult? Authorizer { get; set; }

    /// <summary>The id of the API key the request used (<c>$context.identity.apiKeyId</c>); null when none was checked.</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>The API key value the request presented (<c>$context.identity.apiKey</c>, REST events' <c>identity.apiKey</c>).</summary>
    public string? ApiKeyValue { get; set; }

    /// <summary>The status the integration answered with (for a function: the status of its mapped response).</summary>
    public int? IntegrationStatus { get; set; }

    public TimeSpan? IntegrationLatency { get; set; }

    /// <summary>Why the integration failed, for logs (<c>$context.integrationErrorMessage</c>); never sent to the client.</summary>
    public string? IntegrationErrorMessage { get; set; }

    /// <summary>How the stage's response cache served the request (<c>$context.cacheStatus</c>): Hit, Miss or Bypass; null when the route is not cached.</summary>
    public string? CacheStatus { get; set; }

    /// <summary>The gateway response the request ended with, if the gateway answered it itself.</summary>
    public GatewayError? Error { get; set; }

    /// <summary>Bytes of response body sent to the client so far (<c>$context.responseLength</c>).</summary>
    public long ResponseLength { get; set; }

    /// <summary>What the stage's web ACL decided (<c>$context.waf.*</c>); null when the stage has none.</summary>
    public Waf.WafOutcome? Waf { get; set; }

    /// <summary>True when the client went away before the response was complete; such requests are not backend errors.</summary>
    public bool ClientAborted { get; set; }

    /// <summary>The request id that events carry: the short id for HTTP APIs, the UUID for REST APIs.</summary>
    public string EventRequestId => Api?.Protocol == ApiProtocol.Rest ? RequestId : ExtendedRequestId;

    /// <summary>
    /// Payload 2.0 <c>rawPath</c> and <c>requestContext.http.path</c>: keeps a named stage's prefix, but not a custom
    /// domain's mapping key (AWS-REFERENCE §1.2).
    /// </summary>
    public string EventRawPath => BasePathMatched is null ? RequestPath : RoutePath ?? RequestPath;

    /// <summary>Payload 1.0 <c>path</c>: without the stage, but with a custom domain's mapping key (AWS-REFERENCE §1.2, §2.1).</summary>
    public string EventPathV1 => BasePathMatched is null ? RoutePath ?? RequestPath : RequestPath;

    /// <summary>Payload 1.0 <c>requestContext.path</c>: the full path, stage included.</summary>
    public string EventRequestContextPathV1 => RequestPath;
}
