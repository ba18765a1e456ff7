using System.Text.Json.Serialization;

namespace Platform.ConnectionHub.Management;

/// <summary><c>GET @connections/{id}</c>, as AWS's GetConnection.</summary>
public sealed record ConnectionInfoResponse(
    [property: JsonPropertyName("connectedAt")] string ConnectedAt,
    [property: JsonPropertyName("identity")] ConnectionIdentity Identity,
    [property: JsonPropertyName("lastActiveAt")] string LastActiveAt);

/// <summary>The <c>identity</c> of <see cref="ConnectionInfoResponse"/>.</summary>
public sealed record ConnectionIdentity(
    [property: JsonPropertyName("sourceIp")] string? SourceIp,
    [property: JsonPropertyName("userAgent")] string? UserAgent);

/// <summary><c>GET @connections/@rooms/{room}</c> (our extension).</summary>
public sealed record RoomMembersResponse([property: JsonPropertyName("connections")] IReadOnlyList<string> Connections);

/// <summary><c>POST @connections/@rooms/{room}</c> (our extension): members of the room when it was sent.</summary>
public sealed record BroadcastResponse([property: JsonPropertyName("members")] int Members);

/// <summary>An error body.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("message")] string Message);
