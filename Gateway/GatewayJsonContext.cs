using System.Text.Json.Serialization;

namespace Platform.Gateway;

/// <summary>Source-generated JSON metadata for what the gateway itself writes.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
