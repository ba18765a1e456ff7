using System.Text.Json.Serialization;
using Platform.Functions;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// The payload 1.0 event of a REQUEST authorizer: REST APIs' shape (no <c>version</c>), and HTTP APIs' 1.0 shape,
/// which adds <c>version</c>, and the identity source values joined with <c>,</c> as <c>identitySource</c> and
/// <c>authorizationToken</c>. The request parts are those of a payload 1.0 proxy event without the body.
/// </summary>
internal sealed record RequestAuthorizerEventV1
{
    /// <summary><c>1.0</c> for HTTP APIs; REST APIs send none.</summary>
    [JsonPropertyName("version")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = "REQUEST";

    [JsonPropertyName("methodArn")]
    public required string MethodArn { get; init; }

    /// <summary>HTTP APIs: the identity source values joined with <c>,</c>.</summary>
    [JsonPropertyName("identitySource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdentitySource { get; init; }

    /// <summary>HTTP APIs: the same value as <see cref="IdentitySource"/>.</summary>
    [JsonPropertyName("authorizationToken")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AuthorizationToken { get; init; }

    [JsonPropertyName("resource")]
    public string? Resource { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; init; }

    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("multiValueHeaders")]
    public Dictionary<string, IList<string>>? MultiValueHeaders { get; init; }

    [JsonPropertyName("queryStringParameters")]
    public Dictionary<string, string>? QueryStringParameters { get; init; }

    [JsonPropertyName("multiValueQueryStringParameters")]
    public Dictionary<string, IList<string>>? MultiValueQueryStringParameters { get; init; }

    [JsonPropertyName("pathParameters")]
    public Dictionary<string, string>? PathParameters { get; init; }

    [JsonPropertyName("stageVariables")]
    public Dictionary<string, string>? StageVariables { get; init; }

    [JsonPropertyName("requestContext")]
    public APIGatewayProxyRequestContext? RequestContext { get; init; }
}
