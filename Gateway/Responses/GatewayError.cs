namespace Platform.Gateway.Responses;

/// <summary>
/// A failure the gateway answers itself, from the gateway-response table. <paramref name="Message"/> overrides
/// the type's default message (<c>$context.error.message</c>); <paramref name="Detail"/> is for logs only
/// (<c>$context.integrationErrorMessage</c> and the log line) and never reaches the client.
/// </summary>
public sealed record GatewayError(GatewayResponseType Type, string? Message = null, string? Detail = null);
