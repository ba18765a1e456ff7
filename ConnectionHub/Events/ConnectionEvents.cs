using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Platform.ConnectionHub.Connections;
using Platform.ConnectionHub.Integrations;
using Platform.ConnectionHub.Observability;
using Platform.ConnectionHub.Registry;
using Platform.ConnectionHub.Runtime;
using Platform.Definitions;
using Platform.Definitions.Routing;
using Platform.Functions;

namespace Platform.ConnectionHub.Events;

/// <summary>
/// Runs a connection's events through their routes' integrations (AWS-REFERENCE §7): CONNECT during the handshake,
/// MESSAGE per message after route selection, DISCONNECT once after the close. Each event is a span; the
/// integration call is its child.
/// </summary>
public sealed partial class ConnectionEvents(IntegrationInvoker invoker, HubState state, HubTelemetry telemetry, TimeProvider timeProvider, ILogger<ConnectionEvents> logger)
{
    /// <summary>Runs <c>$connect</c>; null when the API has no <c>$connect</c> route (the connection is accepted).</summary>
    public async Task<IntegrationResult?> ConnectAsync(ConnectionContext connection, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        if (connection.Api.Connect is not { } route)
        {
            return null;
        }

        using var span = Start(connection, RouteKey.ConnectKey, default);
        var (headers, multiHeaders) = Headers(request.Headers);
        var (query, multiQuery) = Query(request.Query);
        var @event = new APIGatewayWebSocketRequest
        {
            Headers = headers,
            MultiValueHeaders = multiHeaders,
            QueryStringParameters = query,
            MultiValueQueryStringParameters = multiQuery,
            RequestContext = Context(connection, RouteKey.ConnectKey, WebSocketEventTypes.Connect, null),
            IsBase64Encoded = false,
        };
        var result = await invoker.InvokeAsync(connection.Api.IntegrationOf(route), connection.Stage, @event, connection.Api.Name, cancellationToken).ConfigureAwait(false);
        span?.SetTag("apigateway.integration.status", result.StatusCode);
        if (result.Failed)
        {
            telemetry.IntegrationError(connection.Api.Name, connection.Stage.Name);
            span?.SetStatus(ActivityStatusCode.Error, result.Failure);
        }

        return result;
    }

    /// <summary>
    /// Selects the message's route, runs its integration and says what to send back. A failure of the hub's own
    /// (not the client's, not the integration's) is an ExecutionError and an error frame: the connection stays open.
    /// </summary>
    public async Task<MessageOutcome> MessageAsync(ConnectionContext connection, ReadOnlyMemory<byte> message, bool binary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var api = connection.Api;
        var requestId = ConnectionIds.NextRequestId();
        telemetry.Message(api.Name, connection.Stage.Name, "in");
        Activity? span = null;
        try
        {
            var routeKey = binary ? null : Select(api, message.Span);
            var route = api.Select(routeKey);
            span = StartOnOpenConnection(connection, route?.Key.Text ?? routeKey ?? RouteKey.DefaultKey);
            if (route is null)
            {
                telemetry.ClientError(api.Name, connection.Stage.Name, "no_route");
                span?.SetStatus(ActivityStatusCode.Error, "no route matched and the API has no $default route");
                return new MessageOutcome(ErrorFrame("Forbidden", connection.ConnectionId, requestId), true);
            }

            var @event = new APIGatewayWebSocketRequest
            {
                RequestContext = Context(connection, route.Key.Text, WebSocketEventTypes.Message, requestId) with { MessageId = ConnectionIds.NextRequestId() },
                Body = binary ? Convert.ToBase64String(message.Span) : Encoding.UTF8.GetString(message.Span),
                IsBase64Encoded = binary,
            };
            var result = await invoker.InvokeAsync(api.IntegrationOf(route), connection.Stage, @event, api.Name, cancellationToken).ConfigureAwait(false);
            if (result.Failed)
            {
                telemetry.IntegrationError(api.Name, connection.Stage.Name);
                span?.SetStatus(ActivityStatusCode.Error, result.Failure);
                return new MessageOutcome(ErrorFrame("Internal server error", connection.ConnectionId, requestId), true);
            }

            return route.HasRouteResponse && result.Body is { Length: > 0 } body ? new MessageOutcome(body, false) : MessageOutcome.None;
        }
#pragma warning disable CA1031 // Whatever fails here must cost the client one error frame, not its connection: an exception
        // escaping into the receive loop would drop the socket without a close frame and skip $disconnect.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            telemetry.ExecutionError(api.Name, connection.Stage.Name);
            span?.AddException(ex);
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            Log.MessageFailed(logger, ex, connection.ConnectionId, connection.Scope);
            return new MessageOutcome(ErrorFrame("Internal server error", connection.ConnectionId, requestId), true);
        }
        finally
        {
            span?.Dispose();
        }
    }

    /// <summary>Runs <c>$disconnect</c> (best effort, as AWS: a failure is logged and counted, never retried).</summary>
    public async Task DisconnectAsync(ConnectionContext connection, int statusCode, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Log.Disconnected(logger, connection.ConnectionId, connection.Scope, statusCode, reason);
        if (connection.Api.Disconnect is not { } route)
        {
            return;
        }

        using var span = StartOnOpenConnection(connection, RouteKey.DisconnectKey);
        var host = connection.DomainName ?? "";
        var @event = new APIGatewayWebSocketRequest
        {
            Headers = new(StringComparer.OrdinalIgnoreCase) { ["Host"] = host, ["x-api-key"] = "", ["X-Forwarded-For"] = "", ["x-restapi"] = "" },
            MultiValueHeaders = new(StringComparer.OrdinalIgnoreCase) { ["Host"] = [host], ["x-api-key"] = [""], ["X-Forwarded-For"] = [""], ["x-restapi"] = [""] },
            RequestContext = Context(connection, RouteKey.DisconnectKey, WebSocketEventTypes.Disconnect, null) with
            {
                DisconnectStatusCode = statusCode,
                DisconnectReason = reason,
            },
            IsBase64Encoded = false,
        };
        var result = await invoker.InvokeAsync(connection.Api.IntegrationOf(route), connection.Stage, @event, connection.Api.Name, cancellationToken).ConfigureAwait(false);
        if (result.Failed)
        {
            telemetry.IntegrationError(connection.Api.Name, connection.Stage.Name);
            span?.SetStatus(ActivityStatusCode.Error, result.Failure);
        }
    }

    /// <summary>The <c>$disconnect</c> of a connection whose replica died; the registry removed its record here only.</summary>
    public Task DisconnectOrphanAsync(ConnectionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var slash = record.Scope.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !state.TryResolve(record.Scope[..slash], record.Scope[(slash + 1)..], out var api, out var stage))
        {
            Log.OrphanWithoutApi(logger, record.ConnectionId, record.Scope);
            return Task.CompletedTask;
        }

        var connection = new ConnectionContext
        {
            ConnectionId = record.ConnectionId,
            Api = api,
            Stage = stage,
            ConnectedAt = record.ConnectedAt,
            SourceIp = record.SourceIp,
            UserAgent = record.UserAgent,
            Authorizer = record.Authorizer,
        };
        return DisconnectAsync(connection, 1006, "Going away: the connection's hub replica stopped", cancellationToken);
    }

    /// <summary>AWS's error frame: <c>{"message": "...", "connectionId":"...", "requestId":"..."}</c>.</summary>
    public static byte[] ErrorFrame(string message, string connectionId, string requestId) =>
        Encoding.UTF8.GetBytes($"{{\"message\": \"{message}\", \"connectionId\":\"{connectionId}\", \"requestId\":\"{requestId}\"}}");

    private static string? Select(HubApi api, ReadOnlySpan<byte> message)
    {
        if (api.Definition.RouteSelectionExpression is not { } expression)
        {
            return null;
        }

        JsonDocument? document;
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!JsonDocument.TryParseValue(ref reader, out document))
            {
                return null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: AWS sends such messages to $default.
            return null;
        }

        using (document)
        {
            return expression.Evaluate(document.RootElement);
        }
    }

    private APIGatewayWebSocketRequestContext Context(ConnectionContext connection, string routeKey, string eventType, string? requestId)
    {
        var now = timeProvider.GetUtcNow();
        var id = requestId ?? ConnectionIds.NextRequestId();
        return new APIGatewayWebSocketRequestContext
        {
            RouteKey = routeKey,
            EventType = eventType,
            ExtendedRequestId = id,
            RequestTime = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
            MessageDirection = "IN",
            Stage = connection.Stage.Name,
            ConnectedAt = connection.ConnectedAt.ToUnixTimeMilliseconds(),
            RequestTimeEpoch = now.ToUnixTimeMilliseconds(),
            Identity = new APIGatewayWebSocketIdentity { SourceIp = connection.SourceIp, UserAgent = connection.UserAgent, AccountId = null },
            RequestId = id,
            DomainName = connection.DomainName,
            ConnectionId = connection.ConnectionId,
            ApiId = connection.Api.Name,
            Authorizer = connection.Authorizer is { } authorizer ? JsonSerializer.Deserialize(authorizer, HubJsonContext.Default.DictionaryStringJsonElement) : null,
        };
    }

    // An event on an open connection starts a trace of its own, linked to the handshake's. The handshake request
    // lasts as long as the connection: as the parent of every message it would make one trace per connection,
    // hours long (ASP.NET Core's SignalR hub method spans have no parent for the same reason).
    private static Activity? StartOnOpenConnection(ConnectionContext connection, string routeKey)
    {
        var handshake = Activity.Current;

        // StartActivity's parentContext: default means "the current activity"; only an empty current makes a root.
        Activity.Current = null;
        var span = Start(connection, routeKey, connection.ConnectSpan);
        if (span is null)
        {
            Activity.Current = handshake;
        }

        return span;
    }

    // Under the current activity: for $connect, the handshake request (itself a child of the client's traceparent).
    private static Activity? Start(ConnectionContext connection, string routeKey, ActivityContext link)
    {
        var links = link == default ? null : new[] { new ActivityLink(link) };
        var span = HubTelemetry.ActivitySource.StartActivity($"WebSocket {routeKey}", ActivityKind.Server, parentContext: default, links: links);
        span?.SetTag("apigateway.api", connection.Api.Name);
        span?.SetTag("apigateway.stage", connection.Stage.Name);
        span?.SetTag("apigateway.route", routeKey);
        span?.SetTag("apigateway.connection_id", connection.ConnectionId);
        return span;
    }

    private static (Dictionary<string, string>, Dictionary<string, IList<string>>) Headers(IHeaderDictionary source)
    {
        var single = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var multi = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in source)
        {
            if (name.StartsWith("X-Platform-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            single[name] = values.ToString();
            multi[name] = [.. values.Select(static v => v ?? "")];
        }

        return (single, multi);
    }

    private static (Dictionary<string, string>?, Dictionary<string, IList<string>>?) Query(IQueryCollection source)
    {
        if (source.Count == 0)
        {
            return (null, null);
        }

        var single = new Dictionary<string, string>(StringComparer.Ordinal);
        var multi = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in source)
        {
            single[name] = ((StringValues)values)[^1] ?? "";
            multi[name] = [.. values.Select(static v => v ?? "")];
        }

        return (single, multi);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Connection {ConnectionId} ({Scope}) closed: {StatusCode} {Reason}")]
        public static partial void Disconnected(ILogger logger, string connectionId, string scope, int statusCode, string reason);

        [LoggerMessage(2, LogLevel.Warning, "Orphaned connection {ConnectionId} belongs to {Scope}, which is no longer defined; $disconnect skipped.")]
        public static partial void OrphanWithoutApi(ILogger logger, string connectionId, string scope);

        [LoggerMessage(3, LogLevel.Error, "Handling a message on connection {ConnectionId} ({Scope}) failed inside the hub; the client got an error frame.")]
        public static partial void MessageFailed(ILogger logger, Exception exception, string connectionId, string scope);
    }
}
