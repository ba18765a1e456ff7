namespace Platform.Identity.Tokens;

/// <summary>What an access token says: issuer, audience, client (also the subject), granted scope and validity.</summary>
internal sealed record AccessTokenClaims(
    string Issuer,
    string Audience,
    string ClientId,
    string Scope,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string TokenId);
