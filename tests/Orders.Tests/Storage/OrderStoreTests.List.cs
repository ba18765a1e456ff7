using Platform.Orders.Storage;

namespace Platform.Orders.Tests.Storage;

/// <summary>ListAsync: order, paging, the customer filter and cursors (the rest of the contract is in OrderStoreTests.cs).</summary>
public abstract partial class OrderStoreTests
{
    [Fact]
    public async Task ListAsync_EmptyStore_ReturnsEmptyLastPage()
    {
        // Arrange
        var store = CreateStore();

        // Act
        var page = await store.ListAsync(null, 20, null).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Empty(page!.Orders);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task ListAsync_SeveralOrders_ListsNewestFirst()
    {
        // Arrange
        var store = CreateStore();
        var created = await CreateOrdersAsync(store, 4);

        // Act
        var page = await store.ListAsync(null, 10, null).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(created.AsEnumerable().Reverse(), page!.Orders);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task ListAsync_SameMillisecond_OrdersByIdDescending()
    {
        // Arrange
        var store = CreateStore();
        var at = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Order[] orders =
        [
            NewOrder("customer-1") with { Id = new string('a', 32), CreatedAt = at },
            NewOrder("customer-1") with { Id = new string('c', 32), CreatedAt = at },
            NewOrder("customer-1") with { Id = new string('b', 32), CreatedAt = at },
        ];
        foreach (var order in orders)
        {
            await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);
        }

        // Act
        var first = await store.ListAsync(null, 2, null).WaitAsync(TestTimeouts.Default);
        var second = await store.ListAsync(null, 2, first!.NextCursor).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal([new string('c', 32), new string('b', 32)], first.Orders.Select(order => order.Id));
        Assert.Equal([new string('a', 32)], second!.Orders.Select(order => order.Id));
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData(7, 3, new[] { 3, 3, 1 })]
    [InlineData(6, 3, new[] { 3, 3 })]
    [InlineData(1, 1, new[] { 1 })]
    [InlineData(5, 100, new[] { 5 })]
    public async Task ListAsync_FollowingCursors_VisitsEveryOrderOnceInOrder(int orders, int limit, int[] pageSizes)
    {
        // Arrange
        var store = CreateStore();
        var created = await CreateOrdersAsync(store, orders);

        // Act
        var pages = await ListAllAsync(store, null, limit, orders);

        // Assert
        Assert.Equal(pageSizes, pages.Select(page => page.Orders.Count));
        Assert.Equal(created.AsEnumerable().Reverse(), pages.SelectMany(page => page.Orders));
    }

    [Fact]
    public async Task ListAsync_OrdersAddedBetweenPages_ContinuesAfterTheCursor()
    {
        // Arrange
        var store = CreateStore();
        var created = await CreateOrdersAsync(store, 4);
        var first = await store.ListAsync(null, 2, null).WaitAsync(TestTimeouts.Default);
        await CreateOrdersAsync(store, 3);

        // Act
        var second = await store.ListAsync(null, 2, first!.NextCursor).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal([created[1], created[0]], second!.Orders);
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task ListAsync_CursorOrderCancelledBetweenPages_StillContinuesAfterIt()
    {
        // Arrange
        var store = CreateStore();
        var created = await CreateOrdersAsync(store, 3);
        var first = await store.ListAsync(null, 1, null).WaitAsync(TestTimeouts.Default);
        await store.CancelAsync(created[2].Id).WaitAsync(TestTimeouts.Default);

        // Act
        var second = await store.ListAsync(null, 5, first!.NextCursor).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal([created[1], created[0]], second!.Orders);
    }

    [Fact]
    public async Task ListAsync_ByCustomer_ListsOnlyTheirOrdersNewestFirst()
    {
        // Arrange
        var store = CreateStore();
        var ada = await CreateOrdersAsync(store, 2, "ada");
        var grace = await CreateOrdersAsync(store, 2, "grace");
        ada.AddRange(await CreateOrdersAsync(store, 1, "ada"));

        // Act
        var adas = await store.ListAsync("ada", 10, null).WaitAsync(TestTimeouts.Default);
        var graces = await store.ListAsync("grace", 10, null).WaitAsync(TestTimeouts.Default);
        var everyone = await store.ListAsync(null, 10, null).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(ada.AsEnumerable().Reverse(), adas!.Orders);
        Assert.Equal(grace.AsEnumerable().Reverse(), graces!.Orders);
        Assert.Equal(5, everyone!.Orders.Count);
    }

    [Fact]
    public async Task ListAsync_ByCustomerFollowingCursors_VisitsTheirOrdersOnce()
    {
        // Arrange
        var store = CreateStore();
        var ada = new List<Order>();
        for (var i = 0; i < 5; i++)
        {
            ada.AddRange(await CreateOrdersAsync(store, 1, "ada"));
            await CreateOrdersAsync(store, 1, "grace");
        }

        // Act
        var pages = await ListAllAsync(store, "ada", 2, 5);

        // Assert
        Assert.Equal([2, 2, 1], pages.Select(page => page.Orders.Count));
        Assert.Equal(ada.AsEnumerable().Reverse(), pages.SelectMany(page => page.Orders));
    }

    [Fact]
    public async Task ListAsync_CustomerWithoutOrders_ReturnsEmptyLastPage()
    {
        // Arrange
        var store = CreateStore();
        await CreateOrdersAsync(store, 2, "ada");

        // Act
        var page = await store.ListAsync("nobody", 10, null).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Empty(page!.Orders);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("%%%")]
    [InlineData("dW5rbm93bi1vcmRlcg")]
    [InlineData("aW5kZXg")]
    public async Task ListAsync_CursorNotIssuedByTheStore_ReturnsNull(string cursor)
    {
        // Arrange
        var store = CreateStore();
        await CreateOrdersAsync(store, 2);

        // Act
        var page = await store.ListAsync(null, 10, cursor).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(page);
    }

    [Fact]
    public async Task ListAsync_CursorOfAnUnknownOrder_ReturnsNull()
    {
        // Arrange
        var store = CreateStore();
        await CreateOrdersAsync(store, 2);

        // Act
        var page = await store.ListAsync(null, 10, CursorOf(OrderIds.New(DateTimeOffset.UnixEpoch))).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(page);
    }

    [Fact]
    public async Task ListAsync_CursorOfAnotherCustomersOrder_ReturnsNull()
    {
        // Arrange
        var store = CreateStore();
        var grace = await CreateOrdersAsync(store, 1, "grace");
        await CreateOrdersAsync(store, 2, "ada");

        // Act
        var page = await store.ListAsync("ada", 10, CursorOf(grace[0].Id)).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(page);
    }

    /// <summary>Every page of a listing, following cursors (at most <paramref name="orders"/> + 1 pages, so a loop cannot hang).</summary>
    private static async Task<List<OrderPage>> ListAllAsync(IOrderStore store, string? customerId, int limit, int orders)
    {
        var pages = new List<OrderPage>();
        string? cursor = null;
        do
        {
            var page = await store.ListAsync(customerId, limit, cursor).WaitAsync(TestTimeouts.Default);
            pages.Add(page!);
            cursor = page!.NextCursor;
        }
        while (cursor is not null && pages.Count <= orders);

        return pages;
    }
}
