using Platform.Testing;

namespace Platform.Chat.Tests.Functions;

/// <summary>The Chat app with <c>ConnectionStrings:redis</c> pointing at its own real redis-server.</summary>
public sealed class RedisChatAppFixture : ChatAppFixture
{
    private readonly RedisServerFixture _redis = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _redis.DisposeAsync().WaitAsync(TestTimeouts.Default);
    }

    protected override async Task<string?> StartRedisAsync()
    {
        await _redis.InitializeAsync().WaitAsync(TestTimeouts.Default);
        return _redis.ConnectionString;
    }
}
