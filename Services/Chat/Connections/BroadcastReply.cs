using System.Text.Json.Serialization;

namespace Platform.Chat.Connections;

/// <summary>The hub's answer to a room broadcast: <c>{"members":N}</c>, the members the message went to.</summary>
internal sealed record BroadcastReply([property: JsonPropertyName("members")] int Members);
