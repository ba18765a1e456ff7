using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Platform.Definitions.Responses;
using Platform.Gateway.Integrations;
using Platform.Gateway.Integrations.Http;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// Serves a WEBSOCKET API by forwarding the request to any ConnectionHub replica (<see cref="HubForwardingOptions"/>),
/// which runs the API's routes. A WebSocket upgrade the hub accepts becomes a <see cref="WebSocketTunnel"/>; any
/// other answer, and every request that is not an upgrade (<c>@connections</c> calls, SignalR negotiate and long
/// polls), is relayed as a streamed reverse proxy: status, headers and body as the hub sent them. The wait for the
/// hub's response headers is bounded (an integration timeout); an unreachable hub is an integration failure, and
/// both answer from the API's gateway responses.
/// </summary>
internal sealed partial class HubForwarder
{
    private readonly IntegrationHttpClient _client;
    private readonly WebSocketTunnel _tunnel;
    private readonly IOptionsMonitor<HubForwardingOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ServiceAddress? _service;

    public HubForwarder(
        IntegrationHttpClient client, WebSocketTunnel tunnel, IOptionsMonitor<HubForwardingOptions> options, TimeProvider time, ILogger<HubForwarder> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tunnel);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _tunnel = tunnel;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<GatewayError?> ForwardAsync(HttpContext context, GatewayRequestFeature request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);

        var options = _options.CurrentValue;
        var upgrade = HubRequest.IsWebSocketUpgrade(context);
        request.ForwardedRouteKey = upgrade ? HubRequest.ConnectRouteKey : HubRequest.RouteKeyOf(HubRequest.RoutePathOf(request));
        var target = HubRequest.TargetOf(context, _client.Resolve(ServiceUri(options.Service)));
        var timeout = upgrade ? options.HandshakeTimeout : options.ResponseTimeout;

        using var outbound = HubRequest.Create(context, request, target, upgrade, out var body);
        using var deadline = new HeadersDeadline(_time, timeout, context.RequestAborted);
        HttpResponseMessage response;
        using (var span = GatewayTelemetry.ActivitySource.StartActivity("Integration"))
        {
            span?.SetTag("apigateway.integration.type", "ConnectionHub");
            span?.SetTag("apigateway.integration.uri", Describe(target));
            var started = _time.GetTimestamp();
            try
            {
                response = await _client.Invoker.SendAsync(outbound, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or BadHttpRequestException)
            {
                request.IntegrationLatency = _time.GetElapsedTime(started);
                var error = Classify(context, request, target, timeout, body, deadline, ex);
                if (error is not null)
                {
                    span?.SetStatus(ActivityStatusCode.Error, request.IntegrationErrorMessage);
                }

                return error;
            }

            request.IntegrationLatency = _time.GetElapsedTime(started);
            request.IntegrationStatus = (int)response.StatusCode;
            span?.SetTag("apigateway.integration.status", request.IntegrationStatus);
        }

        using (response)
        {
            if (!deadline.TryStop())
            {
                // The headers came in the instant the deadline expired: the deadline already cancelled the request.
                return TimedOut(request, target, timeout);
            }

            if (upgrade && response.StatusCode == HttpStatusCode.SwitchingProtocols)
            {
                // A tunnel may idle for hours: let go now of what only the handshake needed.
                deadline.Dispose();
                response.RequestMessage = null;
                outbound.Dispose();
                await _tunnel.RunAsync(context, request, response).ConfigureAwait(false);
                return null;
            }

            // Anything else, a refused $connect included, reaches the client as the hub sent it.
            context.Response.StatusCode = (int)response.StatusCode;
            ProxyHeaders.CopyResponseHeaders(response, context.Response.Headers);
            return await RelayBodyAsync(context, request, target, response).ConfigureAwait(false);
        }
    }

    private Uri ServiceUri(string service)
    {
        // Options change rarely; the hub's address is parsed once per value, not per request.
        var cached = Volatile.Read(ref _service);
        if (cached is null || !string.Equals(cached.Service, service, StringComparison.Ordinal))
        {
            cached = new ServiceAddress(service, new Uri("http://" + service));
            Volatile.Write(ref _service, cached);
        }

        return cached.Uri;
    }

    private GatewayError? Classify(
        HttpContext context, GatewayRequestFeature request, Uri target, TimeSpan timeout, StreamingRequestContent? body, HeadersDeadline deadline, Exception exception)
    {
        var clientFailure = body?.ClientFailure ?? (exception as BadHttpRequestException);
        if (clientFailure is BadHttpRequestException bad)
        {
            request.IntegrationErrorMessage = bad.Message;
            return new GatewayError(
                bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? GatewayResponseType.RequestTooLarge : GatewayResponseType.Default4xx,
                Detail: bad.Message);
        }

        if (context.RequestAborted.IsCancellationRequested || clientFailure is not null)
        {
            request.ClientAborted = true;
            Log.ClientAborted(_logger, request.RequestId, Describe(target));
            return null;
        }

        if (deadline.HasExpired)
        {
            return TimedOut(request, target, timeout);
        }

        var detail = Flatten(exception);
        request.IntegrationErrorMessage = detail;
        Log.HubFailed(_logger, request.RequestId, Describe(target), detail);
        return new GatewayError(GatewayResponseType.IntegrationFailure, Detail: detail);
    }

    private GatewayError TimedOut(GatewayRequestFeature request, Uri target, TimeSpan timeout)
    {
        request.IntegrationErrorMessage = $"the ConnectionHub sent no response headers within {timeout.TotalMilliseconds:0} ms";
        Log.HubTimedOut(_logger, request.RequestId, Describe(target), timeout.TotalMilliseconds);
        return new GatewayError(GatewayResponseType.IntegrationTimeout, Detail: request.IntegrationErrorMessage);
    }

    private async Task<GatewayError?> RelayBodyAsync(HttpContext context, GatewayRequestFeature request, Uri target, HttpResponseMessage response)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return null;
        }

        // Long polls and event streams must reach the client as they happen: no buffering layer in between.
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var aborted = context.RequestAborted;
        var source = await response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var result = await TunnelPump.CopyAsync(source, context.Response.Body, aborted).ConfigureAwait(false);
            request.ResponseLength = result.Bytes;
            switch (result.End)
            {
                case TunnelPumpEnd.SourceEnded:
                    return null;
                case TunnelPumpEnd.SourceFailed when !aborted.IsCancellationRequested:
                    var detail = Flatten(result.Failure!);
                    request.IntegrationErrorMessage = detail;
                    if (!context.Response.HasStarted)
                    {
                        context.Response.Clear();
                        Log.HubFailed(_logger, request.RequestId, Describe(target), detail);
                        return new GatewayError(GatewayResponseType.IntegrationFailure, Detail: detail);
                    }

                    // The status line is out: breaking the connection is the only honest signal left.
                    Log.ResponseBrokenOff(_logger, request.RequestId, Describe(target), result.Bytes, detail);
                    context.Abort();
                    return null;
                default:
                    request.ClientAborted = true;
                    Log.ClientAborted(_logger, request.RequestId, Describe(target));
                    return null;
            }
        }
    }

    // Logs name the target without its query, which may carry tokens.
    private static string Describe(Uri target) => target.GetLeftPart(UriPartial.Path);

    private static string Flatten(Exception exception)
    {
        var message = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " " + inner.Message;
        }

        return message;
    }

    private sealed record ServiceAddress(string Service, Uri Uri);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Request {RequestId}: the ConnectionHub at {Target} failed before responding: {Detail}")]
        public static partial void HubFailed(ILogger logger, string requestId, string target, string detail);

        [LoggerMessage(2, LogLevel.Warning, "Request {RequestId}: the ConnectionHub at {Target} sent no response headers within {TimeoutMs} ms")]
        public static partial void HubTimedOut(ILogger logger, string requestId, string target, double timeoutMs);

        [LoggerMessage(3, LogLevel.Warning, "Request {RequestId}: the response of the ConnectionHub at {Target} broke off after {Bytes} body bytes ({Detail}); aborting the client connection")]
        public static partial void ResponseBrokenOff(ILogger logger, string requestId, string target, long bytes, string detail);

        [LoggerMessage(4, LogLevel.Debug, "Request {RequestId}: the client went away; the request to the ConnectionHub at {Target} is cancelled")]
        public static partial void ClientAborted(ILogger logger, string requestId, string target);
    }
}
