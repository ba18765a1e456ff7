using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.ConnectionHub.Management;

namespace Platform.ConnectionHub;

/// <summary>Source-generated JSON for the hub's own documents.</summary>
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ConnectionInfoResponse))]
[JsonSerializable(typeof(RoomMembersResponse))]
[JsonSerializable(typeof(BroadcastResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class HubJsonContext : JsonSerializerContext;
