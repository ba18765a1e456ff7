using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>The <c>requestContext</c> of a WebSocket event. Fields an event type does not have are omitted.</summary>
public sealed record APIGatewayWebSocketRequestContext
{
    /// <summary><c>$connect</c>, <c>$disconnect</c>, <c>$default</c> or a custom route key.</summary>
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; init; }

    /// <summary>One of <see cref="WebSocketEventTypes"/>.</summary>
    [JsonPropertyName("eventType")]
    public string? EventType { get; init; }

    /// <summary>The frame's id (MESSAGE only).</summary>
    [JsonPropertyName("messageId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageId { get; init; }

    [JsonPropertyName("extendedRequestId")]
    public string? ExtendedRequestId { get; init; }

    /// <summary>CLF time, e.g. <c>09/Feb/2024:18:11:43 +0000</c>.</summary>
    [JsonPropertyName("requestTime")]
    public string? RequestTime { get; init; }

    /// <summary>Always <c>IN</c>.</summary>
    [JsonPropertyName("messageDirection")]
    public string? MessageDirection { get; init; }

    /// <summary>The close status (DISCONNECT only), e.g. 1005 when the client sent none.</summary>
    [JsonPropertyName("disconnectStatusCode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DisconnectStatusCode { get; init; }

    /// <summary>Why the connection closed (DISCONNECT only).</summary>
    [JsonPropertyName("disconnectReason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisconnectReason { get; init; }

    [JsonPropertyName("stage")]
    public string? Stage { get; init; }

    /// <summary>When the connection was established, Unix epoch milliseconds.</summary>
    [JsonPropertyName("connectedAt")]
    public long ConnectedAt { get; init; }

    /// <summary>Unix epoch milliseconds.</summary>
    [JsonPropertyName("requestTimeEpoch")]
    public long RequestTimeEpoch { get; init; }

    [JsonPropertyName("identity")]
    public APIGatewayWebSocketIdentity? Identity { get; init; }

    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("domainName")]
    public string? DomainName { get; init; }

    /// <summary>The opaque connection id (base64-like, often ending <c>=</c>): percent-encode it in URLs.</summary>
    [JsonPropertyName("connectionId")]
    public string? ConnectionId { get; init; }

    [JsonPropertyName("apiId")]
    public string? ApiId { get; init; }

    /// <summary>
    /// What the <c>$connect</c> authorizer returned (<c>principalId</c>, <c>integrationLatency</c>, context
    /// values), repeated on the connection's later events; omitted when the API has no authorizer.
    /// </summary>
    [JsonPropertyName("authorizer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, JsonElement>? Authorizer { get; init; }
}
