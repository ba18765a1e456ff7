namespace Platform.Chat.Connections;

/// <summary>The hub's rule for room names: 1 to 128 ASCII letters, digits, <c>.</c>, <c>_</c>, <c>:</c> or <c>-</c>.</summary>
internal static class RoomNames
{
    public const int MaxLength = 128;

    public static bool IsValid(string? room) =>
        room is { Length: > 0 and <= MaxLength } && room.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');
}
