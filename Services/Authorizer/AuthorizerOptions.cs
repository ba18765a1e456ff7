namespace Platform.Authorizer;

/// <summary>
/// Whose tokens the authorizer accepts, configuration section <c>Authorizer</c>; checked at startup by
/// <see cref="AuthorizerOptionsValidator"/>, which reports every error at once.
/// </summary>
public sealed class AuthorizerOptions
{
    public const string SectionName = "Authorizer";

    /// <summary>
    /// The exact <c>iss</c> of accepted tokens and where key discovery starts (<c>Authorizer:Issuer</c>). Default
    /// <c>http://identity</c>: Services/Identity by its service name, resolved through service discovery.
    /// </summary>
    public string Issuer { get; init; } = "http://identity";

    /// <summary>The <c>aud</c> (or, without one, <c>client_id</c>) tokens must carry (<c>Authorizer:Audience</c>). Default <c>platform</c>.</summary>
    public string Audience { get; init; } = "platform";

    /// <summary>Where to read the issuer's JWKS instead of its discovery document (<c>Authorizer:JwksUri</c>). Default none.</summary>
    public Uri? JwksUri { get; init; }

    /// <summary>
    /// Scopes of which a token needs at least one to be allowed (<c>Authorizer:RequiredScopes:{i}</c>). Default none:
    /// every valid token is allowed. A valid token without them is denied (403), not unauthenticated (401).
    /// </summary>
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    /// <summary>Tolerance for <c>exp</c>, <c>nbf</c> and <c>iat</c> (<c>Authorizer:ClockSkew</c>). Default 0.</summary>
    public TimeSpan ClockSkew { get; init; }
}
