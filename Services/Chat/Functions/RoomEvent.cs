using System.Text.Json.Serialization;

namespace Platform.Chat.Functions;

/// <summary>
/// A frame the chat sends to a room: <c>{"type":"joined"|"message"|"typing","room","userId"}</c>, plus
/// <c>"text"</c> and <c>"sentAt"</c> (ISO-8601, UTC, milliseconds) for messages.
/// </summary>
internal sealed record RoomEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("room")] string Room,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("sentAt")] string? SentAt = null)
{
    public const string Joined = "joined";
    public const string Message = "message";
    public const string Typing = "typing";
}
