using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// A function's answer to a payload 1.0 event (AWS-REFERENCE §2.3). Null maps and body are omitted, as the
/// AWS .NET serializer does; the gateway treats absent and null alike.
/// </summary>
public sealed record APIGatewayProxyResponse
{
    // A constructor parameter, not a property initializer: source-generated deserialization sets absent init-only
    // properties to default(T) and would lose the initializer (dotnet/runtime#84484).
    [JsonConstructor]
    public APIGatewayProxyResponse(int statusCode = 200) => StatusCode = statusCode;

    /// <summary>The HTTP status, 200 when absent (as AWS defaults it); a numeric string (<c>"201"</c>) is read too, as AWS accepts it.</summary>
    [JsonPropertyName("statusCode")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int StatusCode { get; init; }

    [JsonPropertyName("headers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Headers with several values; sent before <see cref="Headers"/> when a name is in both.</summary>
    [JsonPropertyName("multiValueHeaders")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, IList<string>>? MultiValueHeaders { get; init; }

    [JsonPropertyName("body")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; init; }

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}
