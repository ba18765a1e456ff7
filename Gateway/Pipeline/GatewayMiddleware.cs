using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Platform.Definitions;
using Platform.Gateway.Hosting;
using Platform.Gateway.Integrations;
using Platform.Gateway.Observability;
using Platform.Gateway.Responses;
using Platform.Gateway.Runtime;
using Platform.Gateway.WebSockets;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Pipeline;

/// <summary>
/// The data plane, in the order every request passes through it:
/// <list type="number">
/// <item>request ids on the response and a <see cref="GatewayRequestFeature"/> bound to the live definition snapshot;</item>
/// <item>size limits (URL, request line + headers, declared body length);</item>
/// <item>API and stage from host and path (domain mappings, execute-api host, stage prefix), then the route (span <c>RouteMatch</c>);
/// a WEBSOCKET API's requests all go to the ConnectionHub instead (<see cref="HubForwarder"/>);</item>
/// <item>the stage's web ACL (<see cref="Waf.WafInspector"/>), routed or not: a block is answered here;</item>
/// <item>CORS, for an API with a <c>corsConfiguration</c>: preflights answered here, response headers set (<see cref="Cors.CorsPolicy"/>);</item>
/// <item>throttling (<see cref="Throttling.Throttler"/>): the account bucket and the route's, 429 when either is empty;</item>
/// <item>access control (<see cref="Authorization.AccessControl"/>): authorizer or SigV4, resource policy, API key and usage plan;</item>
/// <item>request validation (<see cref="Validation.RequestValidator"/>): required parameters and the body's model, 400 when they fail;</item>
/// <item>the stage's response cache (<see cref="Caching.ResponseCache"/>), for cached routes: a hit is served here; a miss copies the integration's response;</item>
/// <item>the integration (span <c>Integration</c>), which streams or writes the response, or returns a gateway error;</item>
/// <item>metrics, access log and span tags, whatever happened.</item>
/// </list>
/// Requests the gateway's own endpoints serve (its probes) pass through untouched.
/// </summary>
internal sealed partial class GatewayMiddleware
{
    private readonly RequestDelegate _next;
    private readonly GatewayState _state;
    private readonly IIntegrationHandler?[] _handlers;
    private readonly HubForwarder _hub;
    private readonly Authorization.AccessControl _access;
    private readonly Throttling.Throttler _throttler;
    private readonly Validation.RequestValidator _validator;
    private readonly Caching.ResponseCache _cache;
    private readonly Waf.WafInspector _waf;
    private readonly GatewayTelemetry _telemetry;
    private readonly AccessLogWriter _accessLog;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public GatewayMiddleware(
        RequestDelegate next,
        GatewayState state,
        IEnumerable<IIntegrationHandler> handlers,
        HubForwarder hub,
        Authorization.AccessControl access,
        Throttling.Throttler throttler,
        Validation.RequestValidator validator,
        Caching.ResponseCache cache,
        Waf.WafInspector waf,
        GatewayTelemetry telemetry,
        AccessLogWriter accessLog,
        IOptionsMonitor<GatewayOptions> options,
        TimeProvider time,
        ILogger<GatewayMiddleware> logger)
    {
        _next = next;
        _state = state;
        _handlers = new IIntegrationHandler?[Enum.GetValues<IntegrationType>().Length];
        foreach (var handler in handlers)
        {
            _handlers[(int)handler.Type] = handler;
        }

        _hub = hub;
        _access = access;
        _throttler = throttler;
        _validator = validator;
        _cache = cache;
        _waf = waf;
        _telemetry = telemetry;
        _accessLog = accessLog;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        // The gateway's own endpoints (probes) were selected by routing; everything else is API traffic.
        return context.GetEndpoint() is not null ? _next(context) : ServeAsync(context);
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = new GatewayRequestFeature
        {
            RequestId = RequestIds.NewRequestId(),
            ExtendedRequestId = RequestIds.NewExtendedRequestId(),
            RequestTime = _time.GetUtcNow(),
            StartTimestamp = Stopwatch.GetTimestamp(),
            Gateway = _state.Current,
            RequestPath = RawPathOf(context),
            DomainName = context.Request.Host.Host,
        };
        context.Features.Set(request);
        var headers = context.Response.Headers;
        headers["x-amzn-RequestId"] = request.RequestId;
        headers["apigw-requestid"] = request.ExtendedRequestId;

        try
        {
            await ServeCoreAsync(context, request).ConfigureAwait(false);
        }
        catch (Exception exception) when (context.RequestAborted.IsCancellationRequested)
        {
            request.ClientAborted = true;
            Log.ClientAborted(_logger, request.RequestId, exception.GetType().Name);
        }
        catch (Exception exception)
        {
            Log.UnhandledFailure(_logger, request.RequestId, exception);
            await RespondAsync(context, request, new GatewayError(GatewayResponseType.Default5xx, Detail: exception.Message)).ConfigureAwait(false);
        }
        finally
        {
            Complete(context, request);
        }
    }

    private async Task ServeCoreAsync(HttpContext context, GatewayRequestFeature request)
    {
        if (RequestLimits.Check(context.Request, _options.CurrentValue) is { } limit)
        {
            await RespondAsync(context, request, limit).ConfigureAwait(false);
            return;
        }

        var resolved = Resolve(context, request);
        if (await _waf.InspectAsync(context, request).ConfigureAwait(false) is { } blocked)
        {
            // The WAF comes before CORS and access control, as AWS WAF sits in front of API Gateway.
            await (blocked.Response?.WriteAsync(context, request) ?? RespondAsync(context, request, blocked.Error)).ConfigureAwait(false);
            return;
        }

        if (request.Api?.Cors is { } cors)
        {
            // CORS comes before routes and access control: a preflight is the gateway's to answer, and every
            // response of the API (gateway errors included) carries the API's CORS headers, never the backend's.
            if (Cors.CorsPolicy.IsPreflight(context.Request))
            {
                cors.WritePreflight(context);
                return;
            }

            cors.Apply(context);
        }

        if (!resolved)
        {
            var notFound = request.Api?.Protocol == ApiProtocol.Rest
                ? GatewayResponseType.MissingAuthenticationToken
                : GatewayResponseType.ResourceNotFound;
            await RespondAsync(context, request, new GatewayError(notFound)).ConfigureAwait(false);
            return;
        }

        var api = request.Api!;
        if (api.Protocol == ApiProtocol.Rest)
        {
            context.Response.Headers["x-amz-apigw-id"] = request.ExtendedRequestId;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = _options.CurrentValue.MaxRequestBodyBytes;
        }

        if (api.Protocol == ApiProtocol.WebSocket)
        {
            // Throttling, authorizers, API keys and policies apply to a WebSocket API's $connect only here; the hub
            // routes the messages.
            if (HubRequest.IsWebSocketUpgrade(context) && api.ConnectRoute is { } connect
                && (await _throttler.CheckAsync(request, connect).ConfigureAwait(false)
                    ?? await _access.CheckAsync(context, request, connect).ConfigureAwait(false)) is { } refused)
            {
                request.ForwardedRouteKey = HubRequest.ConnectRouteKey;
                await RespondAsync(context, request, refused).ConfigureAwait(false);
                return;
            }

            await ForwardToHubAsync(context, request).ConfigureAwait(false);
            return;
        }

        if ((await _throttler.CheckAsync(request, request.Route!).ConfigureAwait(false)
            ?? await _access.CheckAsync(context, request, request.Route!).ConfigureAwait(false)
            ?? await _validator.ValidateAsync(context, request, request.Route!).ConfigureAwait(false)) is { } denied)
        {
            await RespondAsync(context, request, denied).ConfigureAwait(false);
            return;
        }

        Caching.CacheFill? cacheFill = null;
        if (Caching.ResponseCache.PolicyFor(context, request) is { } cachePolicy)
        {
            var lookup = await _cache.LookupAsync(context, request, cachePolicy).ConfigureAwait(false);
            if (lookup.Refusal is { } refused)
            {
                await RespondAsync(context, request, refused).ConfigureAwait(false);
                return;
            }

            if (lookup.Served)
            {
                return;
            }

            cacheFill = lookup.Fill;
        }

        var integration = api.IntegrationOf(request.Route!);
        GatewayError? error;
        using (var span = GatewayTelemetry.ActivitySource.StartActivity("Integration"))
        {
            span?.SetTag("apigateway.integration.type", integration.Type.ToString());
            span?.SetTag("apigateway.integration.name", integration.Name);
            span?.SetTag("apigateway.integration.uri", integration.IntegrationUri);
            var handler = _handlers[(int)integration.Type];
            error = handler is null
                ? new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: $"no handler serves {integration.Type} integrations")
                : await handler.InvokeAsync(context, request, integration).ConfigureAwait(false);
            if (request.IntegrationStatus is { } status)
            {
                span?.SetTag("apigateway.integration.status", status);
            }

            if (error is not null)
            {
                span?.SetStatus(ActivityStatusCode.Error, request.IntegrationErrorMessage ?? error.Detail);
            }
        }

        if (cacheFill is not null)
        {
            await _cache.StoreAsync(context, request, cacheFill, error).ConfigureAwait(false);
        }

        if (error is not null)
        {
            request.IntegrationErrorMessage ??= error.Detail;
            await RespondAsync(context, request, error).ConfigureAwait(false);
        }
    }

    /// <summary>A WEBSOCKET API is served by the ConnectionHub, which chooses its routes per message (see <see cref="HubForwarder"/>).</summary>
    private async Task ForwardToHubAsync(HttpContext context, GatewayRequestFeature request)
    {
        var error = await _hub.ForwardAsync(context, request).ConfigureAwait(false);
        if (error is not null)
        {
            request.IntegrationErrorMessage ??= error.Detail;
            await RespondAsync(context, request, error).ConfigureAwait(false);
        }
    }

    /// <summary>API, stage and route for the request; false when nothing serves it (the API may still be known).</summary>
    private static bool Resolve(HttpContext context, GatewayRequestFeature request)
    {
        using var span = GatewayTelemetry.ActivitySource.StartActivity("RouteMatch");
        var resolution = request.Gateway.Domains.Resolve(request.DomainName, request.RequestPath);
        if (resolution is null)
        {
            span?.SetTag("apigateway.route.matched", false);
            return false;
        }

        request.Api = resolution.Api;
        request.Stage = resolution.Stage;
        request.RoutePath = resolution.RoutePath;
        request.BasePathMatched = resolution.BasePathMatched;
        span?.SetTag("apigateway.api", resolution.Api.Name);
        span?.SetTag("apigateway.stage", resolution.Stage.Name);
        if (resolution.Api.Protocol == ApiProtocol.WebSocket)
        {
            // Every path of a WEBSOCKET API goes to the hub: $connect at its root, @connections, SignalR.
            span?.SetTag("apigateway.route.matched", true);
            return true;
        }

        var http = resolution.Api.Protocol != ApiProtocol.Rest;
        var match = resolution.Api.Routes.Match(context.Request.Method, resolution.RoutePath, decodeParameters: http, keepTrailingSlash: http);
        span?.SetTag("apigateway.route.matched", match is not null);
        if (match is null)
        {
            return false;
        }

        request.Route = match.Route;
        request.PathParameters = match.PathParameters;
        span?.SetTag("apigateway.route", match.Route.Key.Text);
        return true;
    }

    private Task RespondAsync(HttpContext context, GatewayRequestFeature request, GatewayError error)
    {
        if (context.Response.HasStarted)
        {
            // Too late for a status: the only honest signal left is to break the connection.
            Log.FailedAfterStart(_logger, request.RequestId, error.Type, error.Detail);
            request.Error = error;
            context.Abort();
            return Task.CompletedTask;
        }

        var table = request.Api?.Responses ?? CompiledGateway.NoApiResponses;
        return table.WriteAsync(context, request, error);
    }

    private void Complete(HttpContext context, GatewayRequestFeature request)
    {
        var status = context.Response.StatusCode;
        if (request.ResponseLength == 0 && context.Response.ContentLength is { } length && !HttpMethods.IsHead(context.Request.Method))
        {
            // Handlers that frame the body themselves declare its length rather than count what they wrote.
            request.ResponseLength = length;
        }

        var api = request.Api?.Name ?? "-";
        var stage = request.Stage?.Name ?? "-";
        var route = request.RouteKeyText ?? "-";
        var latency = Stopwatch.GetElapsedTime(request.StartTimestamp);
        _telemetry.RecordRequest(api, stage, route, status, request.ClientAborted, latency, request.IntegrationLatency);

        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            activity.DisplayName = $"{context.Request.Method} {route}";
            activity.SetTag("http.route", route);
            activity.SetTag("apigateway.api", api);
            activity.SetTag("apigateway.stage", stage);
            activity.SetTag("apigateway.request_id", request.RequestId);
            if (request.Error is { } error)
            {
                activity.SetTag("apigateway.error.response_type", GatewayResponseTypeNames.NameOf(error.Type));
            }

            if (request.ClientAborted)
            {
                activity.SetTag("apigateway.client_aborted", true);
            }
        }

        _accessLog.Write(context, request);
        if (request.Error is { } failure && status >= 500)
        {
            Log.GatewayError(_logger, request.RequestId, api, stage, route, status, failure.Type, failure.Detail ?? request.IntegrationErrorMessage);
        }
    }

    /// <summary>
    /// The path exactly as the client sent it (still percent-encoded), which AWS puts in <c>rawPath</c> and which
    /// keeps <c>%2F</c> inside a segment. Kestrel's <see cref="HttpRequest.Path"/> is already partly decoded.
    /// </summary>
    private static string RawPathOf(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(rawTarget) && rawTarget[0] == '/')
        {
            var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
            return query < 0 ? rawTarget : rawTarget[..query];
        }

        var path = (context.Request.PathBase + context.Request.Path).ToUriComponent();
        return path.Length == 0 ? "/" : path;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Request {RequestId}: the client went away ({Reason}); not counted as a backend error.")]
        public static partial void ClientAborted(ILogger logger, string requestId, string reason);

        [LoggerMessage(2, LogLevel.Error, "Request {RequestId} failed inside the gateway.")]
        public static partial void UnhandledFailure(ILogger logger, string requestId, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Request {RequestId} failed with {ResponseType} after its response started ({Detail}); connection aborted.")]
        public static partial void FailedAfterStart(ILogger logger, string requestId, GatewayResponseType responseType, string? detail);

        [LoggerMessage(4, LogLevel.Warning, "Request {RequestId} on {Api}/{Stage} '{Route}' answered {Status} {ResponseType}: {Detail}")]
        public static partial void GatewayError(ILogger logger, string requestId, string api, string stage, string route, int status, GatewayResponseType responseType, string? detail);
    }
}
