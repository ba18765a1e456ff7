using System.Text.Json.Serialization;

namespace Platform.Orders.Storage;

/// <summary>One line of an order: <see cref="Quantity"/> units of <see cref="Sku"/> at <see cref="UnitPrice"/> each.</summary>
public sealed record OrderItem(
    string Sku,
    int Quantity,
    [property: JsonConverter(typeof(MoneyJsonConverter))] decimal UnitPrice)
{
    [JsonIgnore]
    public decimal LineTotal => Quantity * UnitPrice;
}
