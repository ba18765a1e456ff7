using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>What IAM authorization established about the caller. AWS sends every field, null when unknown.</summary>
public sealed record APIGatewayHttpApiV2IamDescription
{
    [JsonPropertyName("accessKey")]
    public string? AccessKey { get; init; }

    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    [JsonPropertyName("callerId")]
    public string? CallerId { get; init; }

    [JsonPropertyName("cognitoIdentity")]
    public APIGatewayHttpApiV2CognitoIdentity? CognitoIdentity { get; init; }

    [JsonPropertyName("principalOrgId")]
    public string? PrincipalOrgId { get; init; }

    [JsonPropertyName("userArn")]
    public string? UserArn { get; init; }

    [JsonPropertyName("userId")]
    public string? UserId { get; init; }
}
