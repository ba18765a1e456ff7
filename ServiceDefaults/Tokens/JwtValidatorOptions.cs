namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// The limits <see cref="JwtValidator"/> works within, bound from <see cref="SectionName"/> and validated at startup.
/// The defaults are the figures AWS documents for HTTP API JWT authorizers (AWS-REFERENCE §5.1).
/// </summary>
public sealed class JwtValidatorOptions
{
    public const string SectionName = "Platform:Jwt";

    /// <summary>How long one discovery or JWKS request may take, headers and body. Default 1.5 s, as AWS.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>The largest discovery document or JWKS read; a larger one is refused. Default 150,000 bytes, as AWS.</summary>
    public int MaxDocumentBytes { get; set; } = 150_000;

    /// <summary>How long fetched keys are used before they are fetched again. Default 1 hour, as AWS.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The shortest time between two fetches for one issuer, whatever triggers them (an unknown <c>kid</c>, stale or
    /// missing keys). Default 5 s: tokens naming made-up key ids cannot turn the gateway into a load on the issuer.
    /// </summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest token accepted, in characters. Default 16 KiB; a longer one is refused unread.</summary>
    public int MaxTokenLength { get; set; } = 16 * 1024;

    /// <summary>
    /// How many validated tokens are remembered, so that a token seen again skips its signature check (its times are
    /// still checked on every use). Default 10,000; 0 turns the cache off.
    /// </summary>
    public int TokenCacheSize { get; set; } = 10_000;
}
