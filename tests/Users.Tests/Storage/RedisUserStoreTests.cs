using System.Globalization;
using Platform.Testing;
using Platform.Users.Storage;
using StackExchange.Redis;

namespace Platform.Users.Tests.Storage;

/// <summary>The store contract against a real redis-server; each test gets its own key prefix, so none sees another's users.</summary>
public sealed class RedisUserStoreTests(RedisServerFixture redis) : UserStoreTests, IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer? _connection;

    public async Task InitializeAsync() =>
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(TestTimeouts.Default);

    public Task DisposeAsync()
    {
        _connection?.Dispose();
        return Task.CompletedTask;
    }

    protected override IUserStore CreateStore() => new RedisUserStore(Database, "test-" + Guid.NewGuid().ToString("N"));

    private IDatabase Database => (_connection ?? throw new InvalidOperationException("Not connected.")).GetDatabase();

    [Fact]
    public async Task CreateAsync_User_WritesHashIndexAndEmailClaim()
    {
        // Arrange
        var prefix = "layout-" + Guid.NewGuid().ToString("N");
        var store = new RedisUserStore(Database, prefix);
        var user = new User("0123456789abcdef0123456789abcdef", "Ada", "Ada@Example.com",
            new DateTimeOffset(2025, 3, 1, 8, 30, 15, 123, TimeSpan.Zero));

        // Act
        await store.CreateAsync(user).WaitAsync(TestTimeouts.Default);

        // Assert
        var hash = (await Database.HashGetAllAsync($"{prefix}:{user.UserId}").WaitAsync(TestTimeouts.Default))
            .ToDictionary(entry => (string)entry.Name!, entry => (string)entry.Value!);
        Assert.Equal(user.UserId, hash["userId"]);
        Assert.Equal("Ada", hash["name"]);
        Assert.Equal("Ada@Example.com", hash["email"]);
        Assert.Equal(user.CreatedAt, DateTimeOffset.Parse(hash["createdAt"], CultureInfo.InvariantCulture));
        var score = await Database.SortedSetScoreAsync($"{prefix}:index", user.UserId).WaitAsync(TestTimeouts.Default);
        Assert.Equal(user.CreatedAt.ToUnixTimeMilliseconds(), score);
        var claim = await Database.HashGetAsync($"{prefix}:emails", "ADA@EXAMPLE.COM").WaitAsync(TestTimeouts.Default);
        Assert.Equal(user.UserId, (string)claim!);
    }

    [Theory]
    [InlineData("index")]
    [InlineData("emails")]
    public async Task CreateAsync_IdNamingAStoreKey_Throws(string userId)
    {
        // Arrange
        var store = CreateStore();
        var user = new User(userId, "Bad", "bad@example.com", DateTimeOffset.UnixEpoch);

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(user)).WaitAsync(TestTimeouts.Default);
    }
}
