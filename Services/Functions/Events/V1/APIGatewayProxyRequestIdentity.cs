using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>The caller identity of a payload 1.0 event. AWS sends every field, null when unknown.</summary>
public sealed record APIGatewayProxyRequestIdentity
{
    [JsonPropertyName("cognitoIdentityPoolId")]
    public string? CognitoIdentityPoolId { get; init; }

    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    [JsonPropertyName("cognitoIdentityId")]
    public string? CognitoIdentityId { get; init; }

    [JsonPropertyName("caller")]
    public string? Caller { get; init; }

    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    [JsonPropertyName("principalOrgId")]
    public string? PrincipalOrgId { get; init; }

    [JsonPropertyName("accessKey")]
    public string? AccessKey { get; init; }

    [JsonPropertyName("cognitoAuthenticationType")]
    public string? CognitoAuthenticationType { get; init; }

    [JsonPropertyName("cognitoAuthenticationProvider")]
    public string? CognitoAuthenticationProvider { get; init; }

    [JsonPropertyName("userArn")]
    public string? UserArn { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    /// <summary>The API key the request carried (REST APIs with API keys), else null.</summary>
    [JsonPropertyName("apiKey")]
    public string? ApiKey { get; init; }

    [JsonPropertyName("apiKeyId")]
    public string? ApiKeyId { get; init; }

    /// <summary>The client certificate of a mutual-TLS request, else null.</summary>
    [JsonPropertyName("clientCert")]
    public APIGatewayClientCert? ClientCert { get; init; }
}
