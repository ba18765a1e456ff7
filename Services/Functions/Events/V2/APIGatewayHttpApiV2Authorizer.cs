using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// The <c>requestContext.authorizer</c> part of a payload 2.0 event: exactly one of <see cref="Jwt"/>,
/// <see cref="Lambda"/> or <see cref="Iam"/>, the others omitted.
/// </summary>
public sealed record APIGatewayHttpApiV2Authorizer
{
    [JsonPropertyName("jwt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public APIGatewayHttpApiV2JwtDescription? Jwt { get; init; }

    /// <summary>A Lambda authorizer's <c>context</c>; values may be strings, numbers or booleans, so they stay JSON.</summary>
    [JsonPropertyName("lambda")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, JsonElement>? Lambda { get; init; }

    [JsonPropertyName("iam")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public APIGatewayHttpApiV2IamDescription? Iam { get; init; }
}
