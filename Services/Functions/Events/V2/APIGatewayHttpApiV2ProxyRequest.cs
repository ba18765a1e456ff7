using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// A proxy event in payload format 2.0 (HTTP APIs). AWS omits the optional parts that are absent
/// (<c>cookies</c>, <c>queryStringParameters</c>, <c>pathParameters</c>, <c>stageVariables</c>, <c>body</c>),
/// so they are omitted when null. Repeated headers and query keys arrive joined with <c>,</c>.
/// </summary>
public sealed record APIGatewayHttpApiV2ProxyRequest
{
    /// <summary>Always <c>"2.0"</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>The matched route, e.g. <c>GET /users/{userId}</c> or <c>$default</c>.</summary>
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; init; }

    /// <summary>The path as received, including the stage when the stage is not <c>$default</c>.</summary>
    [JsonPropertyName("rawPath")]
    public string? RawPath { get; init; }

    /// <summary>The query string as received, without <c>?</c>; empty when there is none.</summary>
    [JsonPropertyName("rawQueryString")]
    public string? RawQueryString { get; init; }

    /// <summary>The <c>Cookie</c> header split into <c>name=value</c> items (and removed from <see cref="Headers"/>).</summary>
    [JsonPropertyName("cookies")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? Cookies { get; init; }

    /// <summary>Lower-case header names; repeated headers joined with <c>,</c>.</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Query keys; repeated keys joined with <c>,</c>.</summary>
    [JsonPropertyName("queryStringParameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? QueryStringParameters { get; init; }

    [JsonPropertyName("pathParameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? PathParameters { get; init; }

    [JsonPropertyName("stageVariables")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? StageVariables { get; init; }

    [JsonPropertyName("requestContext")]
    public APIGatewayHttpApiV2RequestContext? RequestContext { get; init; }

    /// <summary>The body as text, or base64 when <see cref="IsBase64Encoded"/>; null when there is none.</summary>
    [JsonPropertyName("body")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; init; }

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }

    /// <summary>The body's bytes, base64-decoded when <see cref="IsBase64Encoded"/>; empty when there is no body.</summary>
    /// <exception cref="FormatException">The body is marked base64 but is not.</exception>
    public byte[] GetBodyBytes() => ProxyBody.GetBytes(Body, IsBase64Encoded);

    /// <summary>The body as UTF-8 text, base64-decoded when <see cref="IsBase64Encoded"/>; empty when there is no body.</summary>
    /// <exception cref="FormatException">The body is marked base64 but is not.</exception>
    public string GetBodyText() => ProxyBody.GetText(Body, IsBase64Encoded);
}
