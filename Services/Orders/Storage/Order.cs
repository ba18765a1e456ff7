using System.Text.Json.Serialization;

namespace Platform.Orders.Storage;

/// <summary>
/// A stored order. Amounts are in <see cref="Currency"/> with at most two decimals; <see cref="Total"/> is the sum
/// of the lines, computed by the service (<see cref="TotalOf"/>), never taken from a client.
/// <see cref="CreatedAt"/> has millisecond precision and is written as ISO-8601 UTC.
/// </summary>
public sealed record Order(
    string Id,
    string CustomerId,
    IReadOnlyList<OrderItem> Items,
    [property: JsonConverter(typeof(MoneyJsonConverter))] decimal Total,
    string Currency,
    OrderStatus Status,
    [property: JsonConverter(typeof(UtcTimestampJsonConverter))] DateTimeOffset CreatedAt)
{
    public static decimal TotalOf(IEnumerable<OrderItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Sum(item => item.LineTotal);
    }

    // A record compares a list by reference; two orders with equal lines are the same order.
    public bool Equals(Order? other) =>
        other is not null
        && Id == other.Id
        && CustomerId == other.CustomerId
        && Items.SequenceEqual(other.Items)
        && Total == other.Total
        && Currency == other.Currency
        && Status == other.Status
        && CreatedAt == other.CreatedAt;

    public override int GetHashCode() => HashCode.Combine(Id, CustomerId, Items.Count, Total, Currency, Status, CreatedAt);
}
