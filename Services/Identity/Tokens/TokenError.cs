namespace Platform.Identity.Tokens;

/// <summary>An error response of the token endpoint (RFC 6749 §5.2): its code, description and HTTP status.</summary>
internal sealed record TokenError(string Error, string Description, int StatusCode = StatusCodes.Status400BadRequest)
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";

    public static TokenError Request(string description) => new(InvalidRequest, description);

    /// <summary>
    /// Always 401 with <c>WWW-Authenticate: Basic</c>: §5.2 requires it when Basic was used, and RFC 9110 §15.5.2
    /// requires the header on every 401, where it tells form-authenticating clients which scheme is supported.
    /// </summary>
    public static TokenError Client(string description) => new(InvalidClient, description, StatusCodes.Status401Unauthorized);
}
