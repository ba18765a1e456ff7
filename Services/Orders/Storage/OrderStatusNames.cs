namespace Platform.Orders.Storage;

/// <summary>The wire names of <see cref="OrderStatus"/>, the same in JSON and in the Redis hash.</summary>
internal static class OrderStatusNames
{
    public const string Created = "created";
    public const string Cancelled = "cancelled";

    public static string Of(OrderStatus status) => status switch
    {
        OrderStatus.Created => Created,
        OrderStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an order status."),
    };

    public static bool TryParse(string? name, out OrderStatus status)
    {
        switch (name)
        {
            case Created:
                status = OrderStatus.Created;
                return true;
            case Cancelled:
                status = OrderStatus.Cancelled;
                return true;
            default:
                status = default;
                return false;
        }
    }
}
