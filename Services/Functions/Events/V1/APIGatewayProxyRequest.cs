using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// A proxy event in payload format 1.0 (REST <c>AWS_PROXY</c>; HTTP API with <c>payloadFormatVersion</c> 1.0).
/// AWS sends empty maps and an absent body as JSON <c>null</c>, so they are written as <c>null</c>, never
/// omitted; only <see cref="Version"/> is omitted when null, because REST APIs do not send it.
/// </summary>
public sealed record APIGatewayProxyRequest
{
    /// <summary><c>"1.0"</c> from HTTP APIs; absent (null) from REST APIs.</summary>
    [JsonPropertyName("version")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }

    /// <summary>The matched resource, e.g. <c>/{proxy+}</c>.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; init; }

    /// <summary>The request path without the stage.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; init; }

    /// <summary>Last value of each header.</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Every value of each header, in order.</summary>
    [JsonPropertyName("multiValueHeaders")]
    public Dictionary<string, IList<string>>? MultiValueHeaders { get; init; }

    /// <summary>Last value of each query key; null when the query is empty.</summary>
    [JsonPropertyName("queryStringParameters")]
    public Dictionary<string, string>? QueryStringParameters { get; init; }

    /// <summary>Every value of each query key, in order; null when the query is empty.</summary>
    [JsonPropertyName("multiValueQueryStringParameters")]
    public Dictionary<string, IList<string>>? MultiValueQueryStringParameters { get; init; }

    [JsonPropertyName("pathParameters")]
    public Dictionary<string, string>? PathParameters { get; init; }

    [JsonPropertyName("stageVariables")]
    public Dictionary<string, string>? StageVariables { get; init; }

    [JsonPropertyName("requestContext")]
    public APIGatewayProxyRequestContext? RequestContext { get; init; }

    /// <summary>The body as text, or base64 when <see cref="IsBase64Encoded"/>; null when there is none.</summary>
    [JsonPropertyName("body")]
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
