using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Net.Http.Headers;
using Platform.Gateway.Integrations.Http;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// Joins a client's upgraded connection to the hub's once the hub has answered 101, as an opaque byte tunnel
/// (the way YARP forwards upgrades): frames, pings, close codes and reasons pass through untouched, and
/// neither side's WebSocket is parsed here. Each direction is a <see cref="TunnelPump"/>; when either ends, the
/// other is stopped and both connections close. Nothing but the gateway stopping bounds a tunnel's life: idle
/// timeouts and connection duration limits are the hub's to enforce.
/// </summary>
internal sealed partial class WebSocketTunnel
{
    private readonly GatewayTelemetry _telemetry;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    public WebSocketTunnel(GatewayTelemetry telemetry, IHostApplicationLifetime lifetime, ILogger<WebSocketTunnel> logger)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(logger);
        _telemetry = telemetry;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>Sends the hub's 101 to the client and carries bytes both ways until one side ends.</summary>
    public async Task RunAsync(HttpContext context, GatewayRequestFeature request, HttpResponseMessage handshake)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handshake);

        // The hub's answer decides the handshake: Sec-WebSocket-Accept, the chosen subprotocol and extensions,
        // and any header its $connect route added. Upgrade is hop-by-hop, but here it is the point.
        ProxyHeaders.CopyResponseHeaders(handshake, context.Response.Headers);
        if (handshake.Headers.NonValidated.TryGetValues(HeaderNames.Upgrade, out var upgradeTo))
        {
            context.Response.Headers.Upgrade = upgradeTo.ToString();
        }

        // A tunnel lives as long as its WebSocket: no request timeout or body limit may cut it. (Kestrel already
        // exempts upgraded streams from MinRequestBodyDataRate.)
        context.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }

        var hub = await handshake.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
        await using (hub.ConfigureAwait(false))
        {
            var client = await context.Features.GetRequiredFeature<IHttpUpgradeFeature>().UpgradeAsync().ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                await CarryAsync(request, client, hub).ConfigureAwait(false);
            }
        }
    }

    private async Task CarryAsync(GatewayRequestFeature request, Stream client, Stream hub)
    {
        var api = request.Api?.Name ?? "-";
        var stage = request.Stage?.Name ?? "-";
        var opened = Stopwatch.GetTimestamp();
        _telemetry.RecordTunnel(api, stage, 1);
        Log.Opened(_logger, request.RequestId, api, stage);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.ApplicationStopping);
            var upstream = TunnelPump.CopyAsync(client, hub, stop.Token);
            var downstream = TunnelPump.CopyAsync(hub, client, stop.Token);
            var first = await Task.WhenAny(upstream, downstream).ConfigureAwait(false);

            // Either side ending ends the tunnel. Closing the hub's stream releases a read pending on it; the
            // client's connection closes when the request ends, right after.
            await stop.CancelAsync().ConfigureAwait(false);
            await hub.DisposeAsync().ConfigureAwait(false);
            var (up, down) = (await upstream.ConfigureAwait(false), await downstream.ConfigureAwait(false));
            request.ResponseLength = down.Bytes;

            var ended = first == upstream ? up : down;
            var side = EndedBy(first == upstream, ended.End);
            Log.Closed(_logger, request.RequestId, api, stage, side, ended.End, Stopwatch.GetElapsedTime(opened).TotalSeconds, up.Bytes, down.Bytes, ended.Failure?.Message);
        }
        finally
        {
            _telemetry.RecordTunnel(api, stage, -1);
        }
    }

    /// <summary>
    /// Which side ended the tunnel, from the direction that stopped first and how. This is the side that closed
    /// its connection, not the one that began the WebSocket close handshake: after a close handshake the server
    /// (the hub) closes the TCP connection first (RFC 6455 §7.1.1).
    /// </summary>
    private static string EndedBy(bool upstream, TunnelPumpEnd end) => end switch
    {
        TunnelPumpEnd.Cancelled => "gateway",
        TunnelPumpEnd.DestinationFailed => upstream ? "hub" : "client",
        _ => upstream ? "client" : "hub",
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Request {RequestId}: WebSocket tunnel to the ConnectionHub open for {Api}/{Stage}")]
        public static partial void Opened(ILogger logger, string requestId, string api, string stage);

        [LoggerMessage(2, LogLevel.Debug, "Request {RequestId}: WebSocket tunnel for {Api}/{Stage} closed after {Seconds:0.###} s, ended by the {Side} ({End}); {UpBytes} bytes up, {DownBytes} bytes down. {Failure}")]
        public static partial void Closed(ILogger logger, string requestId, string api, string stage, string side, TunnelPumpEnd end, double seconds, long upBytes, long downBytes, string? failure);
    }
}
