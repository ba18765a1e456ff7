using System.Text.Json.Serialization;
using Platform.Functions;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// The <c>requestContext</c> of <see cref="WebSocketConnectAuthorizerEvent"/>: the CONNECT event's, without
/// <c>connectionId</c> (the hub has not accepted the connection when the gateway authorizes it) and without
/// <c>authorizer</c> (there is none yet).
/// </summary>
internal sealed record WebSocketConnectAuthorizerContext
{
    [JsonPropertyName("routeKey")]
    public string RouteKey { get; init; } = Definitions.Routing.RouteKey.ConnectKey;

    [JsonPropertyName("eventType")]
    public string EventType { get; init; } = WebSocketEventTypes.Connect;

    [JsonPropertyName("extendedRequestId")]
    public required string ExtendedRequestId { get; init; }

    /// <summary>CLF time, e.g. <c>09/Feb/2024:18:11:43 +0000</c>.</summary>
    [JsonPropertyName("requestTime")]
    public required string RequestTime { get; init; }

    [JsonPropertyName("messageDirection")]
    public string MessageDirection { get; init; } = "IN";

    [JsonPropertyName("stage")]
    public required string Stage { get; init; }

    /// <summary>Unix epoch milliseconds; the request's time, as the connection does not exist yet.</summary>
    [JsonPropertyName("connectedAt")]
    public long ConnectedAt { get; init; }

    [JsonPropertyName("requestTimeEpoch")]
    public long RequestTimeEpoch { get; init; }

    [JsonPropertyName("identity")]
    public required APIGatewayWebSocketIdentity Identity { get; init; }

    [JsonPropertyName("requestId")]
    public required string RequestId { get; init; }

    [JsonPropertyName("domainName")]
    public required string DomainName { get; init; }

    [JsonPropertyName("apiId")]
    public required string ApiId { get; init; }
}
