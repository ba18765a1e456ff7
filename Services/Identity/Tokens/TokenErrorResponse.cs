namespace Platform.Identity.Tokens;

/// <summary>An error response body (RFC 6749 §5.2).</summary>
internal sealed record TokenErrorResponse(string Error, string ErrorDescription);
