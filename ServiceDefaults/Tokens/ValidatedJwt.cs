namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// An accepted token's claims as API Gateway hands them on (AWS-REFERENCE §5.1): every value a string; numbers as
/// their JSON text, booleans <c>true</c>/<c>false</c>, arrays as <c>[a b c]</c>, objects as their JSON text.
/// Shared between the requests that present the same token: treat it as read-only.
/// </summary>
public sealed class ValidatedJwt
{
    internal ValidatedJwt(
        IReadOnlyDictionary<string, string> claims,
        IReadOnlyList<string>? scopes,
        double expiresAt,
        double? notBefore,
        double? issuedAt)
    {
        Claims = claims;
        Scopes = scopes;
        ExpiresAtSeconds = expiresAt;
        NotBeforeSeconds = notBefore;
        IssuedAtSeconds = issuedAt;
    }

    public IReadOnlyDictionary<string, string> Claims { get; }

    /// <summary><c>sub</c>, when the token has one.</summary>
    public string? Subject => Claims.GetValueOrDefault("sub");

    /// <summary>
    /// The scopes from <c>scope</c> (a space-separated string) or, when it is absent, <c>scp</c> (such a string or an
    /// array of strings, as Okta and Entra ID issue it); null when the token has neither.
    /// </summary>
    public IReadOnlyList<string>? Scopes { get; }

    /// <summary><c>exp</c>, seconds since the Unix epoch.</summary>
    public DateTimeOffset ExpiresAt => JwtPayload.Time(ExpiresAtSeconds);

    internal double ExpiresAtSeconds { get; }

    internal double? NotBeforeSeconds { get; }

    internal double? IssuedAtSeconds { get; }
}
