using System.Text.Json.Serialization;
using Platform.Functions;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// The payload 2.0 event of an HTTP API's REQUEST authorizer: <c>version</c> <c>2.0</c>, <c>type</c>,
/// <c>routeArn</c>, the identity source values as an array, and the request parts of a payload 2.0 proxy event
/// without the body. Optional parts are omitted when absent, as in the proxy event.
/// </summary>
internal sealed record RequestAuthorizerEventV2
{
    [JsonPropertyName("version")]
    public string Version { get; init; } = "2.0";

    [JsonPropertyName("type")]
    public string Type { get; init; } = "REQUEST";

    [JsonPropertyName("routeArn")]
    public required string RouteArn { get; init; }

    [JsonPropertyName("identitySource")]
    public required IReadOnlyList<string> IdentitySource { get; init; }

    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; init; }

    [JsonPropertyName("rawPath")]
    public string? RawPath { get; init; }

    [JsonPropertyName("rawQueryString")]
    public string? RawQueryString { get; init; }

    [JsonPropertyName("cookies")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? Cookies { get; init; }

    [JsonPropertyName("headers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("queryStringParameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? QueryStringParameters { get; init; }

    [JsonPropertyName("requestContext")]
    public APIGatewayHttpApiV2RequestContext? RequestContext { get; init; }

    [JsonPropertyName("pathParameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? PathParameters { get; init; }

    [JsonPropertyName("stageVariables")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? StageVariables { get; init; }
}
