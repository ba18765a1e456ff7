using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Orders.Storage;
using Platform.Testing;
using StackExchange.Redis;
using Order = Platform.Orders.Storage.Order;

namespace Platform.Orders.Tests.Storage;

/// <summary>The store contract against a real redis-server; each test gets its own key prefix, so none sees another's orders.</summary>
public sealed class RedisOrderStoreTests(RedisServerFixture redis) : OrderStoreTests, IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer? _connection;

    public async Task InitializeAsync() =>
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(TestTimeouts.Default);

    public Task DisposeAsync()
    {
        _connection?.Dispose();
        return Task.CompletedTask;
    }

    protected override IOrderStore CreateStore() => new RedisOrderStore(Database, "test-" + Guid.NewGuid().ToString("N"));

    private IDatabase Database => (_connection ?? throw new InvalidOperationException("Not connected.")).GetDatabase();

    [Fact]
    public async Task CreateAsync_Order_WritesHashAndBothIndexes()
    {
        // Arrange
        var prefix = "layout-" + Guid.NewGuid().ToString("N");
        var store = new RedisOrderStore(Database, prefix);
        var createdAt = new DateTimeOffset(2025, 3, 1, 8, 30, 15, 123, TimeSpan.Zero);
        IReadOnlyList<OrderItem> items = [new("SKU-1", 2, 9.99m), new("SKU-2", 1, 0.5m)];
        var order = new Order(OrderIds.New(createdAt), "customer-1", items, Order.TotalOf(items), "EUR", OrderStatus.Created, createdAt);

        // Act
        await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);

        // Assert
        var hash = (await Database.HashGetAllAsync($"{prefix}:{order.Id}").WaitAsync(TestTimeouts.Default))
            .ToDictionary(entry => (string)entry.Name!, entry => (string)entry.Value!);
        Assert.Equal(["createdAt", "currency", "customerId", "id", "items", "status", "total"], hash.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(order.Id, hash["id"]);
        Assert.Equal("customer-1", hash["customerId"]);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"sku":"SKU-1","quantity":2,"unitPrice":9.99},{"sku":"SKU-2","quantity":1,"unitPrice":0.50}]"""),
            JsonNode.Parse(hash["items"])));
        Assert.Equal("20.48", hash["total"]);
        Assert.Equal("EUR", hash["currency"]);
        Assert.Equal("created", hash["status"]);
        Assert.Equal(createdAt, DateTimeOffset.Parse(hash["createdAt"], CultureInfo.InvariantCulture));
        var score = await Database.SortedSetScoreAsync($"{prefix}:index", order.Id).WaitAsync(TestTimeouts.Default);
        Assert.Equal(createdAt.ToUnixTimeMilliseconds(), score);
        var customerScore = await Database.SortedSetScoreAsync($"{prefix}:customer:customer-1", order.Id).WaitAsync(TestTimeouts.Default);
        Assert.Equal(createdAt.ToUnixTimeMilliseconds(), customerScore);
    }

    [Fact]
    public async Task CancelAsync_Order_ChangesOnlyTheStatusField()
    {
        // Arrange
        var prefix = "cancel-" + Guid.NewGuid().ToString("N");
        var store = new RedisOrderStore(Database, prefix);
        var createdAt = new DateTimeOffset(2025, 3, 1, 8, 30, 15, 123, TimeSpan.Zero);
        IReadOnlyList<OrderItem> items = [new("SKU-1", 1, 1m)];
        var order = new Order(OrderIds.New(createdAt), "customer-1", items, 1m, "EUR", OrderStatus.Created, createdAt);
        await store.CreateAsync(order).WaitAsync(TestTimeouts.Default);
        var before = await Database.HashGetAllAsync($"{prefix}:{order.Id}").WaitAsync(TestTimeouts.Default);

        // Act
        await store.CancelAsync(order.Id).WaitAsync(TestTimeouts.Default);

        // Assert
        var after = await Database.HashGetAllAsync($"{prefix}:{order.Id}").WaitAsync(TestTimeouts.Default);
        var changed = after.Except(before).ToList();
        Assert.Equal([new HashEntry("status", "cancelled")], changed);
    }
}
