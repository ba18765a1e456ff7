namespace Platform.Definitions.UsagePlans;

/// <summary>
/// A usage plan (<c>usagePlans.{name}</c>): the stages it covers, a throttle and a quota applied per API key across
/// all of them (AWS-REFERENCE §4).
/// </summary>
public sealed record UsagePlanDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The API stages the plan is bound to; a key of this plan is accepted on these only.</summary>
    public IReadOnlyList<UsagePlanApiStage> ApiStages { get; init; } = [];

    /// <summary>Per-key token bucket over the whole plan; null means no plan throttle.</summary>
    public ThrottleSettings? Throttle { get; init; }

    /// <summary>Per-key request quota over the whole plan; null means no quota.</summary>
    public QuotaSettings? Quota { get; init; }
}

/// <summary>One stage a plan covers, with per-route throttles that override the plan's (<c>"GET /partner/{proxy+}"</c> or REST <c>"/path/GET"</c>).</summary>
public sealed record UsagePlanApiStage
{
    public required string Api { get; init; }

    public required string Stage { get; init; }

    /// <summary>Per-route throttles by route key; the bucket is still per key.</summary>
    public IReadOnlyDictionary<string, ThrottleSettings> Throttle { get; init; } = new Dictionary<string, ThrottleSettings>(StringComparer.Ordinal);
}

/// <summary>A token bucket: <see cref="RateLimit"/> tokens per second refill up to <see cref="BurstLimit"/>.</summary>
public sealed record ThrottleSettings(double RateLimit, int BurstLimit);

/// <summary>How a quota's window is cut, at UTC boundaries.</summary>
public enum QuotaPeriod
{
    Day,
    Week,
    Month,
}

/// <summary>
/// At most <see cref="Limit"/> requests per key per period. <see cref="Offset"/> shifts the window start by whole
/// days for WEEK (0 = Sunday, 1 = Monday) and MONTH (0 = the 1st), as AWS's quota offset does.
/// </summary>
public sealed record QuotaSettings(long Limit, QuotaPeriod Period, int Offset = 0);

/// <summary>
/// An API key (<c>apiKeys.{id}</c>). The value is kept only as its SHA-256 hash: a definition file gives either
/// <c>value</c> (hashed on load, never kept) or <c>valueSha256</c>.
/// </summary>
public sealed record ApiKeyDefinition
{
    /// <summary>The key's id: <c>$context.identity.apiKeyId</c>, usage reports, and resource-policy conditions.</summary>
    public required string Id { get; init; }

    /// <summary>SHA-256 of the key value's UTF-8 bytes, lowercase hex.</summary>
    public required string ValueSha256 { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>The plans the key belongs to (by name).</summary>
    public IReadOnlyList<string> UsagePlans { get; init; } = [];

    public string? Description { get; init; }

    /// <summary>AWS: key values are 20 to 128 characters.</summary>
    public const int MinValueLength = 20;
    public const int MaxValueLength = 128;

    /// <summary>The hash a key value is stored and looked up by.</summary>
    public static string Hash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));
    }
}
