using System.Text.Json.Serialization;

namespace Platform.Users.Storage;

/// <summary>A stored user. <see cref="CreatedAt"/> has millisecond precision and is written as ISO-8601 UTC.</summary>
public sealed record User(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("createdAt"), JsonConverter(typeof(UtcTimestampJsonConverter))] DateTimeOffset CreatedAt);
