using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Users.Storage;

namespace Platform.Users.Tests.Handlers;

/// <summary>The user functions with <c>ConnectionStrings:redis</c> set to a real redis-server.</summary>
public sealed class RedisUserFunctionsTests(RedisUsersAppFixture app) : UserFunctionsTests<RedisUsersAppFixture>(app)
{
    [Fact]
    public void AddUsers_RedisConfigured_UsesTheRedisStore()
    {
        // Act
        var store = App.Services.GetRequiredService<IUserStore>();

        // Assert
        Assert.IsType<RedisUserStore>(store);
    }

    [Fact]
    public async Task Health_RedisReachable_Returns200()
    {
        // Act
        using var response = await App.Client.GetAsync("/health").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
