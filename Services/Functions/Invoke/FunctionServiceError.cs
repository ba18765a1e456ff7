using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// The body of an Invoke call the service itself rejected (unknown function, unreadable or oversize payload,
/// bad parameter): <c>{"Type": "User", "message": "..."}</c>, with the error code in
/// <see cref="FunctionInvokeProtocol.ErrorTypeHeader"/>. The odd casing is Lambda's.
/// </summary>
public sealed record FunctionServiceError
{
    /// <summary><c>User</c> for a caller's mistake, <c>Service</c> for the service's own failure.</summary>
    [JsonPropertyName("Type")]
    public string? Type { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
