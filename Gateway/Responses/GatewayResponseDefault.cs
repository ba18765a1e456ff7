using Platform.Definitions.Responses;

namespace Platform.Gateway.Responses;

/// <summary>
/// A gateway response type's default: status, message, the exact default body, and REST's
/// <c>x-amzn-ErrorType</c> (null where AWS sends none).
/// </summary>
public sealed record GatewayResponseDefault(int StatusCode, string? Message, string Body, string? ErrorType);
