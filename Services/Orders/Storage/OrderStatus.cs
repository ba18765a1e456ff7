using System.Text.Json.Serialization;

namespace Platform.Orders.Storage;

/// <summary>Where an order stands; written <c>"created"</c> and <c>"cancelled"</c> in JSON and in Redis.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    [JsonStringEnumMemberName("created")]
    Created,

    /// <summary>Cancelled by <c>DELETE /orders/{id}</c>; the order is kept, and listed, with this status.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
