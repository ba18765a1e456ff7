using System.Text.Json.Serialization;
using Platform.Users.Storage;

namespace Platform.Users.Handlers;

/// <summary><c>{"users": [...], "nextToken": "..."}</c>; <see cref="NextToken"/> is omitted on the last page.</summary>
internal sealed record UserListBody(
    [property: JsonPropertyName("users")] IReadOnlyList<User> Users,
    [property: JsonPropertyName("nextToken")] string? NextToken);
