namespace Platform.Chat.Functions;

/// <summary>
/// A room message as the client sent it: <c>{"action":"...","room":"...","text":"..."}</c>. <see cref="Room"/> is a
/// string but not yet checked against the room name rule; <see cref="Text"/> is null for actions without one.
/// </summary>
internal readonly record struct RoomRequest(string Room, string? Text);
