using Platform.Definitions.Responses;

namespace Platform.Gateway.Responses;

/// <summary>
/// A failure the gateway answers itself, from the gateway-response table. <paramref name="Message"/> overrides
/// the type's default message (<c>$context.error.message</c>); <paramref name="Detail"/> is for logs only
/// (<c>$context.integrationErrorMessage</c> and the log line) and never reaches the client;
/// <paramref name="StatusCode"/> overrides the type's default status for limits AWS answers through a default
/// type with its own status (e.g. 414, 431 through <c>DEFAULT_4XX</c>); <paramref name="Headers"/> are added to
/// the response (a JWT authorizer's <c>www-authenticate</c>, a throttle's <c>Retry-After</c>).
/// </summary>
public sealed record GatewayError(
    GatewayResponseType Type,
    string? Message = null,
    string? Detail = null,
    int? StatusCode = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    string? ValidationErrors = null)
{
    /// <summary><c>Retry-After</c> in whole seconds (RFC 9110 §10.2.3), at least one.</summary>
    public static KeyValuePair<string, string> RetryAfter(TimeSpan wait) =>
        new("Retry-After", Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
