using System.Buffers.Text;
using System.Text;
using Platform.Orders.Storage;

namespace Platform.Orders.Tests.Storage;

/// <summary>The <see cref="IOrderStore"/> contract; each concrete class runs it against one implementation.</summary>
public abstract partial class OrderStoreTests
{
    private readonly SteppingTimeProvider _clock = new();

    /// <summary>A new, empty store for one test.</summary>
    protected abstract IOrderStore CreateStore();

    [Fact]
    public async Task CreateAsync_NewOrder_CanBeReadBack()
    {
        // Arrange
        var store = CreateStore();
        var order = NewOrder("customer-1", new OrderItem("SKU-1", 2, 9.99m), new OrderItem("SKU-2", 1, 0.5m)) with
        {
            CreatedAt = new DateTimeOffset(2025, 3, 1, 8, 30, 15, 123, TimeSpan.Zero),
            Currency = "USD",
        };

        // Act
        await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);
        var read = await store.GetAsync(order.Id).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(order, read);
        Assert.Equal(20.48m, read!.Total);
    }

    [Fact]
    public async Task CreateAsync_UnicodeCustomerAndSku_KeepsThemIntact()
    {
        // Arrange
        var store = CreateStore();
        var order = NewOrder("Zoë Ångström 山田 👩‍💻", new OrderItem("книга-📚", 1, 12m));

        // Act
        await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);
        var read = await store.GetAsync(order.Id).WaitAsync(TestTimeouts.Default);
        var listed = await store.ListAsync("Zoë Ångström 山田 👩‍💻", 10, null).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal("Zoë Ångström 山田 👩‍💻", read!.CustomerId);
        Assert.Equal("книга-📚", Assert.Single(read.Items).Sku);
        Assert.Equal([order], listed!.Orders);
    }

    [Fact]
    public async Task CreateAsync_IdTaken_ThrowsAndKeepsTheFirst()
    {
        // Arrange
        var store = CreateStore();
        var first = NewOrder("customer-1");
        var second = NewOrder("customer-2") with { Id = first.Id };
        await store.CreateAsync(first).WaitAsync(TestTimeouts.Default);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(second)).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(first, await store.GetAsync(first.Id).WaitAsync(TestTimeouts.Default));
        var secondCustomers = await store.ListAsync("customer-2", 10, null).WaitAsync(TestTimeouts.Default);
        Assert.Empty(secondCustomers!.Orders);
    }

    [Theory]
    [InlineData("")]
    [InlineData("index")]
    [InlineData("customer:customer-1")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    public async Task CreateAsync_IdNotWellFormed_Throws(string id)
    {
        // Arrange
        var store = CreateStore();
        var order = NewOrder("customer-1") with { Id = id };

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(order)).WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public async Task CreateAsync_CallerChangesItsListAfterwards_StoredOrderKeepsItsLines()
    {
        // Arrange
        var store = CreateStore();
        var items = new List<OrderItem> { new("SKU-1", 1, 1m) };
        var order = NewOrder("customer-1") with { Items = items };
        await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);

        // Act
        items.Add(new OrderItem("SKU-2", 1, 1m));
        var read = await store.GetAsync(order.Id).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal("SKU-1", Assert.Single(read!.Items).Sku);
    }

    [Fact]
    public async Task CreateAsync_ConcurrentCreates_ListsEveryOrderOnce()
    {
        // Arrange
        var store = CreateStore();
        var orders = Enumerable.Range(0, 32).Select(i => NewOrder(i % 2 == 0 ? "even" : "odd")).ToList();

        // Act
        await Task.WhenAll(orders.Select(order => Task.Run(() => store.CreateAsync(order)))).WaitAsync(TestTimeouts.Default);

        // Assert
        var all = await store.ListAsync(null, 100, null).WaitAsync(TestTimeouts.Default);
        Assert.Equal(orders.Select(order => order.Id).Order(), all!.Orders.Select(order => order.Id).Order());
        var even = await store.ListAsync("even", 100, null).WaitAsync(TestTimeouts.Default);
        Assert.Equal(16, even!.Orders.Count);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("index")]
    [InlineData("customer:customer-1")]
    [InlineData("")]
    public async Task GetAsync_UnknownId_ReturnsNull(string id)
    {
        // Arrange
        var store = CreateStore();
        await store.CreateAsync(NewOrder("customer-1")).WaitAsync(TestTimeouts.Default);

        // Act
        var read = await store.GetAsync(id).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(read);
    }

    [Fact]
    public async Task CancelAsync_CreatedOrder_CancelsAndKeepsIt()
    {
        // Arrange
        var store = CreateStore();
        var order = NewOrder("customer-1");
        await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);

        // Act
        var result = await store.CancelAsync(order.Id).WaitAsync(TestTimeouts.Default);

        // Assert
        var cancelled = order with { Status = OrderStatus.Cancelled };
        Assert.Equal(CancelOrderResult.Cancelled, result);
        Assert.Equal(cancelled, await store.GetAsync(order.Id).WaitAsync(TestTimeouts.Default));
        Assert.Equal([cancelled], (await store.ListAsync(null, 10, null).WaitAsync(TestTimeouts.Default))!.Orders);
        Assert.Equal([cancelled], (await store.ListAsync("customer-1", 10, null).WaitAsync(TestTimeouts.Default))!.Orders);
    }

    [Fact]
    public async Task CancelAsync_CancelledOrder_ReturnsAlreadyCancelled()
    {
        // Arrange
        var store = CreateStore();
        var order = NewOrder("customer-1");
        await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);
        await store.CancelAsync(order.Id).WaitAsync(TestTimeouts.Default);

        // Act
        var result = await store.CancelAsync(order.Id).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(CancelOrderResult.AlreadyCancelled, result);
        Assert.Equal(OrderStatus.Cancelled, (await store.GetAsync(order.Id).WaitAsync(TestTimeouts.Default))!.Status);
    }

    [Fact]
    public async Task CancelAsync_ConcurrentCancels_ExactlyOneCancels()
    {
        // Arrange
        var store = CreateStore();
        var order = NewOrder("customer-1");
        await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.CancelAsync(order.Id))))
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Single(results, result => result == CancelOrderResult.Cancelled);
        Assert.All(results.Where(result => result != CancelOrderResult.Cancelled), result => Assert.Equal(CancelOrderResult.AlreadyCancelled, result));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("index")]
    [InlineData("customer:customer-1")]
    [InlineData("")]
    public async Task CancelAsync_UnknownId_ReturnsNotFoundAndChangesNothing(string id)
    {
        // Arrange
        var store = CreateStore();
        var order = NewOrder("customer-1");
        await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);

        // Act
        var result = await store.CancelAsync(id).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(CancelOrderResult.NotFound, result);
        Assert.Equal([order], (await store.ListAsync(null, 10, null).WaitAsync(TestTimeouts.Default))!.Orders);
    }

    [Fact]
    public async Task ListAsync_LimitBelowOne_Throws()
    {
        // Arrange
        var store = CreateStore();

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(null, 0, null)).WaitAsync(TestTimeouts.Default);
    }

    private Order NewOrder(string customerId, params OrderItem[] items)
    {
        IReadOnlyList<OrderItem> lines = items.Length == 0 ? [new OrderItem("SKU-1", 1, 9.99m)] : items;
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds());
        return new Order(OrderIds.New(createdAt), customerId, lines, Order.TotalOf(lines), "EUR", OrderStatus.Created, createdAt);
    }

    /// <summary>Creates <paramref name="count"/> orders of <paramref name="customerId"/>, oldest first.</summary>
    private async Task<List<Order>> CreateOrdersAsync(IOrderStore store, int count, string customerId = "customer-1")
    {
        var orders = new List<Order>();
        for (var i = 0; i < count; i++)
        {
            var order = NewOrder(customerId, new OrderItem($"SKU-{i}", i + 1, 1.25m));
            await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);
            orders.Add(order);
        }

        return orders;
    }

    private static string CursorOf(string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));
}
