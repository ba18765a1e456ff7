namespace Platform.Orders.Storage;

/// <summary>The embedded-mode store: this process's memory, one lock, the same semantics as <see cref="RedisOrderStore"/>.</summary>
public sealed class InMemoryOrderStore : IOrderStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Order> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<Order> _newestFirst = new(NewestFirstComparer.Instance);
    private readonly Dictionary<string, SortedSet<Order>> _byCustomer = new(StringComparer.Ordinal);

    public Task CreateAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!OrderIds.IsWellFormed(order.Id))
        {
            throw new ArgumentException($"'{order.Id}' is not an order id: ids are 32 lowercase hex digits.", nameof(order));
        }

        cancellationToken.ThrowIfCancellationRequested();

        // A copy of the lines: the caller's list is theirs to change, the stored order is not.
        var stored = order with { Items = [.. order.Items] };
        lock (_lock)
        {
            if (!_byId.TryAdd(stored.Id, stored))
            {
                throw new InvalidOperationException($"An order with id '{stored.Id}' already exists.");
            }

            _newestFirst.Add(stored);
            if (!_byCustomer.TryGetValue(stored.CustomerId, out var customerOrders))
            {
                customerOrders = new SortedSet<Order>(NewestFirstComparer.Instance);
                _byCustomer.Add(stored.CustomerId, customerOrders);
            }

            customerOrders.Add(stored);
        }

        return Task.CompletedTask;
    }

    public Task<Order?> GetAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            return Task.FromResult(_byId.GetValueOrDefault(orderId));
        }
    }

    public Task<OrderPage?> ListAsync(string? customerId, int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            var index = customerId is null ? _newestFirst : _byCustomer.GetValueOrDefault(customerId);
            IEnumerable<Order> candidates = index ?? [];
            if (cursor is not null)
            {
                if (index is null
                    || !OrderCursor.TryDecode(cursor, out var afterId)
                    || !_byId.TryGetValue(afterId, out var after)
                    || !index.Contains(after))
                {
                    return Task.FromResult<OrderPage?>(null);
                }

                // The view starts at the cursor's order itself; skip it. GetViewBetween is O(log n), not a scan.
                candidates = index.GetViewBetween(after, index.Max!).Skip(1);
            }

            // One more than asked tells whether a next page exists.
            var orders = candidates.Take(limit + 1).ToList();
            var nextCursor = orders.Count > limit ? OrderCursor.Encode(orders[limit - 1].Id) : null;
            if (orders.Count > limit)
            {
                orders.RemoveAt(limit);
            }

            return Task.FromResult<OrderPage?>(new OrderPage(orders, nextCursor));
        }
    }

    public Task<CancelOrderResult> CancelAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (!_byId.TryGetValue(orderId, out var order))
            {
                return Task.FromResult(CancelOrderResult.NotFound);
            }

            if (order.Status == OrderStatus.Cancelled)
            {
                return Task.FromResult(CancelOrderResult.AlreadyCancelled);
            }

            // The indexes hold the orders themselves: swap in the cancelled copy (the comparer sees the same entry).
            var cancelled = order with { Status = OrderStatus.Cancelled };
            _byId[orderId] = cancelled;
            Replace(_newestFirst, cancelled);
            Replace(_byCustomer[order.CustomerId], cancelled);
            return Task.FromResult(CancelOrderResult.Cancelled);
        }
    }

    private static void Replace(SortedSet<Order> index, Order order)
    {
        index.Remove(order);
        index.Add(order);
    }
}
