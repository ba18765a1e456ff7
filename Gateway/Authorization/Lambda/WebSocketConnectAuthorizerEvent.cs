using System.Text.Json.Serialization;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// The event a WEBSOCKET API's REQUEST authorizer receives on <c>$connect</c>: <c>type</c>, <c>methodArn</c>
/// (<c>.../{stage}/$connect</c>), the upgrade request's headers and query (single- and multi-value), stage
/// variables, and the CONNECT <c>requestContext</c>. The gateway authorizes before the ConnectionHub accepts the
/// connection, so the context has no <c>connectionId</c> (AWS sends one; none exists yet here).
/// </summary>
internal sealed record WebSocketConnectAuthorizerEvent
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "REQUEST";

    [JsonPropertyName("methodArn")]
    public required string MethodArn { get; init; }

    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("multiValueHeaders")]
    public Dictionary<string, IList<string>>? MultiValueHeaders { get; init; }

    [JsonPropertyName("queryStringParameters")]
    public Dictionary<string, string>? QueryStringParameters { get; init; }

    [JsonPropertyName("multiValueQueryStringParameters")]
    public Dictionary<string, IList<string>>? MultiValueQueryStringParameters { get; init; }

    [JsonPropertyName("stageVariables")]
    public Dictionary<string, string>? StageVariables { get; init; }

    [JsonPropertyName("requestContext")]
    public required WebSocketConnectAuthorizerContext RequestContext { get; init; }
}
