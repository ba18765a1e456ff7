using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Orders.Storage;

namespace Platform.Orders.Api;

/// <summary>The API's bodies: camelCase names (web defaults), nulls omitted unless a type says otherwise.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(OrderListBody))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class OrdersJsonContext : JsonSerializerContext
{
    /// <summary>Bodies as clients expect them: no HTML-safe <c>\u0022</c>-style escapes of quotes or non-ASCII text in a JSON API.</summary>
    public static OrdersJsonContext Wire { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
