namespace Platform.Definitions.Drafts;

/// <summary>A route as read from <c>apis.{api}.routes["{route key}"]</c>.</summary>
internal sealed record RouteDraft : DraftObject
{
    /// <summary>The route key as written, e.g. <c>GET /users/{userId}</c>.</summary>
    public required string RouteKey { get; init; }

    public string? Integration { get; init; }

    /// <summary>WebSocket APIs: <c>$default</c> sends the integration's response back to the client (two-way).</summary>
    public string? RouteResponseSelectionExpression { get; init; }

    public string? AuthorizationType { get; init; }

    public string? AuthorizerId { get; init; }

    public IReadOnlyList<string>? AuthorizationScopes { get; init; }

    public bool? ApiKeyRequired { get; init; }

    public IReadOnlyList<string>? CacheKeyParameters { get; init; }

    public string? RequestValidatorId { get; init; }

    public IReadOnlyDictionary<string, string> RequestModels { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, bool> RequestParameters { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);
}
