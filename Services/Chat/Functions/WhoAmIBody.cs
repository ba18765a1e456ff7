using System.Text.Json.Serialization;

namespace Platform.Chat.Functions;

/// <summary>What <c>whoami</c> answers: <c>{"connectionId":"..."}</c>, the caller's own connection id.</summary>
internal sealed record WhoAmIBody([property: JsonPropertyName("connectionId")] string ConnectionId);
