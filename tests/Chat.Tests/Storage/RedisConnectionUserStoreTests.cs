using Platform.Chat.Storage;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Chat.Tests.Storage;

/// <summary>The store contract against a real redis-server; each test gets its own key prefix, so none sees another's entries.</summary>
public sealed class RedisConnectionUserStoreTests(RedisServerFixture redis) : ConnectionUserStoreTests, IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer? _connection;

    private IDatabase Database => (_connection ?? throw new InvalidOperationException("Not connected.")).GetDatabase();

    public async Task InitializeAsync() =>
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(TestTimeouts.Default);

    public Task DisposeAsync()
    {
        _connection?.Dispose();
        return Task.CompletedTask;
    }

    protected override IConnectionUserStore CreateStore() => new RedisConnectionUserStore(Database, "test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SetUserAsync_Connection_WritesOneKeyWithTheEntryLifetimeAsTtl()
    {
        // Arrange
        var prefix = "layout-" + Guid.NewGuid().ToString("N");
        var store = new RedisConnectionUserStore(Database, prefix);

        // Act
        await store.SetUserAsync("AbCdEfGhIjKlMnO=", "alice").WaitAsync(TestTimeouts.Default);

        // Assert
        var key = $"{prefix}:AbCdEfGhIjKlMnO=";
        Assert.Equal("alice", (string?)await Database.StringGetAsync(key).WaitAsync(TestTimeouts.Default));
        var ttl = await Database.KeyTimeToLiveAsync(key).WaitAsync(TestTimeouts.Default);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, IConnectionUserStore.EntryLifetime - TimeSpan.FromMinutes(1), IConnectionUserStore.EntryLifetime);
    }

    [Fact]
    public async Task SetUserAsync_DefaultPrefix_UsesChatConnectionsKeys()
    {
        // Arrange
        var connectionId = "Dflt" + Guid.NewGuid().ToString("N")[..11] + "=";
        var store = new RedisConnectionUserStore(Database);

        // Act
        await store.SetUserAsync(connectionId, "alice").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal("alice", (string?)await Database.StringGetAsync("chat:connections:" + connectionId).WaitAsync(TestTimeouts.Default));
        await store.RemoveAsync(connectionId).WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public async Task GetUserAsync_KeyExpiredInRedis_ReturnsNull()
    {
        // Arrange
        var prefix = "expiry-" + Guid.NewGuid().ToString("N");
        var store = new RedisConnectionUserStore(Database, prefix);
        await store.SetUserAsync("AbCdEfGhIjKlMnO=", "alice").WaitAsync(TestTimeouts.Default);

        // Act: expire it now, as Redis does when the TTL runs out
        await Database.KeyExpireAsync($"{prefix}:AbCdEfGhIjKlMnO=", TimeSpan.Zero).WaitAsync(TestTimeouts.Default);
        var userId = await store.GetUserAsync("AbCdEfGhIjKlMnO=").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(userId);
    }
}
