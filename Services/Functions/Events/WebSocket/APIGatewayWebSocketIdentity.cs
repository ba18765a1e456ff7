using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// The caller identity of a WebSocket event: AWS sends <c>sourceIp</c> (and <c>userAgent</c> on CONNECT and
/// DISCONNECT); the other fields appear only when known, so null fields are omitted.
/// </summary>
public sealed record APIGatewayWebSocketIdentity
{
    [JsonPropertyName("sourceIp")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SourceIp { get; init; }

    [JsonPropertyName("userAgent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserAgent { get; init; }

    [JsonPropertyName("accountId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccountId { get; init; }

    [JsonPropertyName("apiKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ApiKey { get; init; }

    [JsonPropertyName("apiKeyId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ApiKeyId { get; init; }

    [JsonPropertyName("caller")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Caller { get; init; }

    [JsonPropertyName("user")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? User { get; init; }

    [JsonPropertyName("userArn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserArn { get; init; }

    [JsonPropertyName("accessKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessKey { get; init; }

    [JsonPropertyName("principalOrgId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PrincipalOrgId { get; init; }

    [JsonPropertyName("cognitoIdentityPoolId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CognitoIdentityPoolId { get; init; }

    [JsonPropertyName("cognitoIdentityId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CognitoIdentityId { get; init; }

    [JsonPropertyName("cognitoAuthenticationType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CognitoAuthenticationType { get; init; }

    [JsonPropertyName("cognitoAuthenticationProvider")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CognitoAuthenticationProvider { get; init; }
}
