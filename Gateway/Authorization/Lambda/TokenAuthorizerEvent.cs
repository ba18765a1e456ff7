using System.Text.Json.Serialization;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>The event a TOKEN authorizer receives (AWS-REFERENCE §5.2): the token and the method ARN, nothing else.</summary>
internal sealed record TokenAuthorizerEvent
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "TOKEN";

    [JsonPropertyName("authorizationToken")]
    public required string AuthorizationToken { get; init; }

    /// <summary><c>arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{path}</c>.</summary>
    [JsonPropertyName("methodArn")]
    public required string MethodArn { get; init; }
}
