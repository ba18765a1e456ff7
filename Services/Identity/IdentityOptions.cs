namespace Platform.Identity;

/// <summary>
/// The issuer's settings, configuration section <c>Identity</c>; checked at startup by
/// <see cref="IdentityOptionsValidator"/>, which reports every error at once.
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// The issuer URL (<c>Identity:Issuer</c>), written to <c>iss</c> and the base of every URL in the discovery
    /// document. Default null: the request's <c>scheme://host/pathbase</c>, so the issuer works behind any port.
    /// Set it wherever more than one caller shares the issuer: otherwise <c>iss</c> follows each caller's Host header.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>aud</c> of every token (<c>Identity:Audience</c>). Default <c>platform</c>.</summary>
    public string Audience { get; init; } = "platform";

    /// <summary>How long an access token is valid (<c>Identity:TokenLifetime</c>). Default 1 hour.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a signing key signs before a new one replaces it (<c>Identity:KeyRotation</c>). Default 24 hours.
    /// A replaced key stays in the JWKS for <see cref="TokenLifetime"/> more, until the last token it signed expires.
    /// </summary>
    public TimeSpan KeyRotation { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The clients allowed to ask for tokens (<c>Identity:Clients:{i}:ClientId/ClientSecret/Scopes:{j}</c>).
    /// Default none configured, which means the one development client <see cref="DevelopmentClient"/>;
    /// configured clients replace it.
    /// </summary>
    public IReadOnlyList<IdentityClientOptions> Clients { get; init; } = [];

    /// <summary><c>platform-dev</c> / <c>platform-dev-secret</c>, scopes <c>orders:read orders:write profile</c>.</summary>
    public static IdentityClientOptions DevelopmentClient { get; } = new()
    {
        ClientId = "platform-dev",
        ClientSecret = "platform-dev-secret",
        Scopes = ["orders:read", "orders:write", "profile"],
    };

    /// <summary>The clients in effect: the configured ones, or the development client when none is configured.</summary>
    public IReadOnlyList<IdentityClientOptions> EffectiveClients => Clients.Count == 0 ? [DevelopmentClient] : Clients;
}
