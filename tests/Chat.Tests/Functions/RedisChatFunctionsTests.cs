using Microsoft.Extensions.DependencyInjection;
using Platform.Chat.Storage;
using Platform.ServiceDefaults.Redis;

namespace Platform.Chat.Tests.Functions;

/// <summary>The chat functions with <c>ConnectionStrings:redis</c> set to a real redis-server.</summary>
public sealed class RedisChatFunctionsTests(RedisChatAppFixture app) : ChatFunctionsTests<RedisChatAppFixture>(app)
{
    [Fact]
    public void AddChat_RedisConfigured_UsesTheRedisStore()
    {
        // Act
        var store = App.Services.GetRequiredService<IConnectionUserStore>();

        // Assert
        Assert.IsType<RedisConnectionUserStore>(store);
    }

    [Fact]
    public async Task Connect_ValidUserId_WritesAnExpiringKeyInRedis()
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();
        var database = App.Services.GetRequiredService<PlatformRedis>().GetDatabase();

        // Act
        await App.Client.ConnectAsync(connectionId, "alice");

        // Assert
        var key = "chat:connections:" + connectionId;
        Assert.Equal("alice", (string?)await database.StringGetAsync(key).WaitAsync(TestTimeouts.Default));
        var ttl = await database.KeyTimeToLiveAsync(key).WaitAsync(TestTimeouts.Default);
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(2), IConnectionUserStore.EntryLifetime);
    }
}
