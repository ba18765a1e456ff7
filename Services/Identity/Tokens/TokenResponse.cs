namespace Platform.Identity.Tokens;

/// <summary>A successful token response (RFC 6749 §5.1).</summary>
internal sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, string Scope);
