using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// A function's explicit answer to a payload 2.0 event (AWS-REFERENCE §2.4). Each cookie becomes its own
/// <c>Set-Cookie</c>; <see cref="IsBase64Encoded"/> is always honoured. Null parts are omitted.
/// </summary>
public sealed record APIGatewayHttpApiV2ProxyResponse
{
    // A constructor parameter, not a property initializer: source-generated deserialization sets absent init-only
    // properties to default(T) and would lose the initializer (dotnet/runtime#84484).
    [JsonConstructor]
    public APIGatewayHttpApiV2ProxyResponse(int statusCode = 200) => StatusCode = statusCode;

    /// <summary>The HTTP status; 200 unless set.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; init; }

    /// <summary>Response headers; several values of one header joined with <c>,</c>.</summary>
    [JsonPropertyName("headers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Cookies to set, each a full <c>Set-Cookie</c> value (<c>a=1; Path=/</c>).</summary>
    [JsonPropertyName("cookies")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? Cookies { get; init; }

    [JsonPropertyName("body")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; init; }

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}
