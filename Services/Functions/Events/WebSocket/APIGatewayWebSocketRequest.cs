using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// A WebSocket API event (AWS-REFERENCE §7.2): the 1.0-like shape without <c>version</c>. CONNECT and
/// DISCONNECT carry headers (and the query of the upgrade request); MESSAGE carries only the frame in
/// <see cref="Body"/>. AWS leaves out what an event does not have, so null parts are omitted.
/// </summary>
public sealed record APIGatewayWebSocketRequest
{
    [JsonPropertyName("headers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("multiValueHeaders")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, IList<string>>? MultiValueHeaders { get; init; }

    [JsonPropertyName("queryStringParameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? QueryStringParameters { get; init; }

    [JsonPropertyName("multiValueQueryStringParameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, IList<string>>? MultiValueQueryStringParameters { get; init; }

    [JsonPropertyName("requestContext")]
    public APIGatewayWebSocketRequestContext? RequestContext { get; init; }

    /// <summary>The frame's text (MESSAGE), base64 when <see cref="IsBase64Encoded"/>.</summary>
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
