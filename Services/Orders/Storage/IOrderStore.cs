namespace Platform.Orders.Storage;

/// <summary>
/// Where orders live: Redis (<see cref="RedisOrderStore"/>) or this process's memory in embedded mode
/// (<see cref="InMemoryOrderStore"/>), with the same semantics. Orders are never removed: cancelling changes their
/// status. Lists are newest first (ties by order id, descending) and paged with opaque cursors; a listing is
/// either every order or one customer's.
/// </summary>
public interface IOrderStore
{
    /// <summary>
    /// Stores <paramref name="order"/> in one atomic step (the order and every index, or nothing). Throws
    /// <see cref="ArgumentException"/> for an id that is not <see cref="OrderIds.IsWellFormed">well formed</see> and
    /// <see cref="InvalidOperationException"/> when an order with the id exists.
    /// </summary>
    Task CreateAsync(Order order, CancellationToken cancellationToken = default);

    /// <summary>The order with <paramref name="orderId"/>, or null (also for an id that is not well formed).</summary>
    Task<Order?> GetAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> orders, newest first, of <paramref name="customerId"/> (null: of every
    /// customer), starting after <paramref name="cursor"/> (the <see cref="OrderPage.NextCursor"/> of a previous
    /// page; null for the first page). Null when the cursor does not name an order of this listing.
    /// </summary>
    Task<OrderPage?> ListAsync(string? customerId, int limit, string? cursor, CancellationToken cancellationToken = default);

    /// <summary>Sets the order's status to <see cref="OrderStatus.Cancelled"/>, atomically; cancelling twice changes nothing.</summary>
    Task<CancelOrderResult> CancelAsync(string orderId, CancellationToken cancellationToken = default);
}
