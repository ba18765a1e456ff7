namespace Platform.Definitions.Drafts;

/// <summary>A usage plan as read from <c>usagePlans.{name}</c>.</summary>
internal sealed record UsagePlanDraft : DraftObject
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<UsagePlanApiStageDraft> ApiStages { get; init; } = [];

    public ThrottleDraft? Throttle { get; init; }

    public QuotaDraft? Quota { get; init; }
}

/// <summary>One entry of a plan's <c>apiStages</c>.</summary>
internal sealed record UsagePlanApiStageDraft : DraftObject
{
    public string? Api { get; init; }

    public string? Stage { get; init; }

    /// <summary>Per-route throttles by route key.</summary>
    public IReadOnlyList<(string RouteKey, ThrottleDraft Throttle)> Throttle { get; init; } = [];
}

/// <summary><c>{"rateLimit": 10, "burstLimit": 20}</c>.</summary>
internal sealed record ThrottleDraft : DraftObject
{
    public double? RateLimit { get; init; }

    public int? BurstLimit { get; init; }
}

/// <summary><c>{"limit": 1000, "period": "DAY", "offset": 0}</c>.</summary>
internal sealed record QuotaDraft : DraftObject
{
    public long? Limit { get; init; }

    public string? Period { get; init; }

    public int? Offset { get; init; }
}

/// <summary>An API key as read from <c>apiKeys.{id}</c>.</summary>
internal sealed record ApiKeyDraft : DraftObject
{
    public required string Id { get; init; }

    public string? Value { get; init; }

    public string? ValueSha256 { get; init; }

    public bool? Enabled { get; init; }

    public IReadOnlyList<string>? UsagePlans { get; init; }

    public string? Description { get; init; }
}
