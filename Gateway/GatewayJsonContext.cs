using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway;

/// <summary>Source-generated JSON metadata for what the gateway itself writes.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(long))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext
{
    /// <summary>As API Gateway writes JSON: <c>\"</c> rather than the HTML-safe <c>\u0022</c> of the default encoder.</summary>
    public static GatewayJsonContext Wire { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
