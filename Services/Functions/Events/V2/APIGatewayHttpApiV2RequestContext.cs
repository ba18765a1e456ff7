using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>The <c>requestContext</c> of a payload 2.0 event.</summary>
public sealed record APIGatewayHttpApiV2RequestContext
{
    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    [JsonPropertyName("apiId")]
    public string? ApiId { get; init; }

    /// <summary>Mutual-TLS details; omitted when the request was not mutual TLS.</summary>
    [JsonPropertyName("authentication")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public APIGatewayHttpApiV2Authentication? Authentication { get; init; }

    /// <summary>What the route's authorizer established; omitted when the route has none.</summary>
    [JsonPropertyName("authorizer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public APIGatewayHttpApiV2Authorizer? Authorizer { get; init; }

    [JsonPropertyName("domainName")]
    public string? DomainName { get; init; }

    [JsonPropertyName("domainPrefix")]
    public string? DomainPrefix { get; init; }

    [JsonPropertyName("http")]
    public APIGatewayHttpApiV2HttpDescription? Http { get; init; }

    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; init; }

    [JsonPropertyName("stage")]
    public string? Stage { get; init; }

    /// <summary>CLF time, e.g. <c>25/Mar/2020:05:03:27 +0000</c>.</summary>
    [JsonPropertyName("time")]
    public string? Time { get; init; }

    /// <summary>Unix epoch milliseconds.</summary>
    [JsonPropertyName("timeEpoch")]
    public long TimeEpoch { get; init; }
}
