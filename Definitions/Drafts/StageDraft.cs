namespace Platform.Definitions.Drafts;

/// <summary>A stage as read from <c>apis.{api}.stages.{name}</c>.</summary>
internal sealed record StageDraft : DraftObject
{
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>accessLogSettings.format</c>.</summary>
    public string? AccessLogFormat { get; init; }

    public bool? CacheClusterEnabled { get; init; }

    public RouteSettingsDraft? DefaultRouteSettings { get; init; }

    /// <summary><c>routeSettings</c> entries by route key as written.</summary>
    public IReadOnlyList<RouteSettingsDraft> RouteSettings { get; init; } = [];
    /// <summary>The name of the web ACL inspecting the stage's requests.</summary>
    public string? WebAcl { get; init; }

    public string AccessLogFormatKey => Loading.JsonPath.Property(KeyOf(DefinitionProperties.AccessLogSettings), DefinitionProperties.Format);
}

/// <summary><c>defaultRouteSettings</c> or one <c>routeSettings["{route key}"]</c> entry of a stage.</summary>
internal sealed record RouteSettingsDraft : DraftObject
{
    /// <summary>The route key the entry names; null for <c>defaultRouteSettings</c>.</summary>
    public string? RouteKey { get; init; }

    public double? ThrottlingRateLimit { get; init; }

    public int? ThrottlingBurstLimit { get; init; }

    public bool? CachingEnabled { get; init; }

    public int? CacheTtlInSeconds { get; init; }

    public bool? RequireAuthorizationForCacheControl { get; init; }

    public string? UnauthorizedCacheControlHeaderStrategy { get; init; }

    public IReadOnlyList<int>? CacheableStatusCodes { get; init; }
}
