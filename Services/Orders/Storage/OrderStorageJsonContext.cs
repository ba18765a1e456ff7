using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Orders.Storage;

/// <summary>The order lines as <see cref="RedisOrderStore"/> keeps them: one JSON array in the order's hash.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<OrderItem>))]
internal sealed partial class OrderStorageJsonContext : JsonSerializerContext;
