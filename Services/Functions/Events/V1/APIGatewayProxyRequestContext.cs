using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>The <c>requestContext</c> of a payload 1.0 event.</summary>
public sealed record APIGatewayProxyRequestContext
{
    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    [JsonPropertyName("apiId")]
    public string? ApiId { get; init; }

    /// <summary>
    /// What the authorizer returned: a Lambda authorizer's <c>principalId</c>, <c>integrationLatency</c> and
    /// context values, or Cognito/JWT <c>claims</c> (and <c>scopes</c>). Values may be strings, numbers,
    /// booleans, objects or arrays, so they stay JSON. Omitted when there is no authorizer, as AWS does.
    /// </summary>
    [JsonPropertyName("authorizer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, JsonElement>? Authorizer { get; init; }

    [JsonPropertyName("domainName")]
    public string? DomainName { get; init; }

    [JsonPropertyName("domainPrefix")]
    public string? DomainPrefix { get; init; }

    [JsonPropertyName("extendedRequestId")]
    public string? ExtendedRequestId { get; init; }

    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; init; }

    [JsonPropertyName("identity")]
    public APIGatewayProxyRequestIdentity? Identity { get; init; }

    /// <summary>The request path including the stage.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    /// <summary>CLF time, e.g. <c>04/Mar/2020:19:15:17 +0000</c>.</summary>
    [JsonPropertyName("requestTime")]
    public string? RequestTime { get; init; }

    /// <summary>Unix epoch milliseconds.</summary>
    [JsonPropertyName("requestTimeEpoch")]
    public long RequestTimeEpoch { get; init; }

    [JsonPropertyName("resourceId")]
    public string? ResourceId { get; init; }

    [JsonPropertyName("resourcePath")]
    public string? ResourcePath { get; init; }

    [JsonPropertyName("stage")]
    public string? Stage { get; init; }
}
