using System.Text.Json;

namespace Platform.Gateway.Authorization;

/// <summary>Which kind of authorizer established a caller.</summary>
public enum AuthorizerKind
{
    Jwt,
    Lambda,
    Iam,
}

/// <summary>
/// What a route's authorizer established about the caller, carried on the request
/// (<see cref="Pipeline.GatewayRequestFeature.Authorizer"/>) into events (<c>requestContext.authorizer</c>),
/// <c>$context.authorizer.*</c>, resource policies, usage plans and the ConnectionHub's <c>$connect</c>.
/// </summary>
public sealed record AuthorizerResult
{
    public required AuthorizerKind Kind { get; init; }

    /// <summary>Lambda: the returned <c>principalId</c>; JWT: <c>sub</c>; IAM: the access key id.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>JWT: the token's claims as AWS renders them (every value a string, arrays as <c>[a b]</c>).</summary>
    public IReadOnlyDictionary<string, string>? Claims { get; init; }

    /// <summary>JWT: the token's scopes (<c>scope</c> or <c>scp</c>); null when it has none.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>Lambda: the returned <c>context</c> (strings, numbers, booleans).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Context { get; init; }

    /// <summary>Lambda (REST policy responses): the API key to meter this request against when the API's key source is AUTHORIZER.</summary>
    public string? UsageIdentifierKey { get; init; }

    /// <summary>IAM: the verified access key id.</summary>
    public string? AccessKey { get; init; }

    /// <summary>How long the authorizer took (0 for a cache hit): <c>$context.authorizer.latency</c> / <c>integrationLatency</c>.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>True when the result came from the authorizer cache.</summary>
    public bool CacheHit { get; init; }
}
