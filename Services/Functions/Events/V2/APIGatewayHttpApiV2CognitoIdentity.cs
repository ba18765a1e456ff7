using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>The Cognito identity behind IAM credentials (<c>authorizer.iam.cognitoIdentity</c>).</summary>
public sealed record APIGatewayHttpApiV2CognitoIdentity
{
    /// <summary>Authentication methods references, e.g. <c>authenticated</c> and the provider.</summary>
    [JsonPropertyName("amr")]
    public IList<string>? Amr { get; init; }

    [JsonPropertyName("identityId")]
    public string? IdentityId { get; init; }

    [JsonPropertyName("identityPoolId")]
    public string? IdentityPoolId { get; init; }
}
