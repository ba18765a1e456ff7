namespace Platform.Definitions.Drafts;

/// <summary>An API as read from <c>apis.{name}</c>.</summary>
internal sealed record ApiDraft : DraftObject
{
    public required string Name { get; init; }

    public string? Protocol { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<RouteDraft> Routes { get; init; } = [];

    public IReadOnlyList<IntegrationDraft> Integrations { get; init; } = [];

    public IReadOnlyList<StageDraft> Stages { get; init; } = [];

    public IReadOnlyList<GatewayResponseDraft> GatewayResponses { get; init; } = [];

    /// <summary>WebSocket APIs: how a message chooses its route, e.g. <c>$request.body.action</c>.</summary>
    public string? RouteSelectionExpression { get; init; }

    /// <summary>WebSocket APIs: the limits, when the file sets any.</summary>
    public WebSocketSettingsDraft? WebSocketSettings { get; init; }

    public IReadOnlyList<AuthorizerDraft> Authorizers { get; init; } = [];

    public string? ApiKeySource { get; init; }

    public CorsConfigurationDraft? CorsConfiguration { get; init; }

    /// <summary><c>models</c>: each schema as written (cloned out of the file's document).</summary>
    public IReadOnlyList<ModelDraft> Models { get; init; } = [];

    public IReadOnlyList<RequestValidatorDraft> RequestValidators { get; init; } = [];

    /// <summary>The resource policy as parsed (its errors already reported); null when the API has none or it was invalid.</summary>
    public Policies.ResourcePolicyDefinition? Policy { get; init; }

    public AuthorizerDraft? FindAuthorizer(string name) => Authorizers.FirstOrDefault(a => a.Name == name);

    /// <summary>The protocol when it is one this gateway serves; rules that depend on it skip an API without one.</summary>
    public ApiProtocol? KnownProtocol => Protocol switch
    {
        "HTTP" => ApiProtocol.Http,
        "REST" => ApiProtocol.Rest,
        "WEBSOCKET" => ApiProtocol.WebSocket,
        _ => null,
    };

    public bool IsWebSocket => KnownProtocol == ApiProtocol.WebSocket;

    /// <summary>Parses a route key of this API by its protocol's rules.</summary>
    public bool TryParseRouteKey(RouteDraft route, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Routing.RouteKey? key, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error) =>
        IsWebSocket
            ? Routing.RouteKey.TryParseWebSocket(route.RouteKey, out key, out error)
            : Routing.RouteKey.TryParse(route.RouteKey, out key, out error);

    public IntegrationDraft? FindIntegration(string name) => Integrations.FirstOrDefault(i => i.Name == name);
}

/// <summary>A model as read from <c>apis.{api}.models.{name}</c>: its JSON Schema, compiled once by the rules (patterns compile to IL, so never twice).</summary>
internal sealed record ModelDraft(string Name, System.Text.Json.JsonElement Schema, string File, string Key)
{
    /// <summary>Set by <see cref="Rules.RequestValidationRule"/> when the schema compiles; the builder uses it.</summary>
    public Schemas.JsonSchema? Compiled { get; set; }
}

/// <summary>A request validator as read from <c>apis.{api}.requestValidators.{name}</c>.</summary>
internal sealed record RequestValidatorDraft : DraftObject
{
    public required string Name { get; init; }

    public bool? ValidateRequestBody { get; init; }

    public bool? ValidateRequestParameters { get; init; }
}
