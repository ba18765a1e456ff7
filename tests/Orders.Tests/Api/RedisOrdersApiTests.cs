using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Orders.Storage;

namespace Platform.Orders.Tests.Api;

/// <summary>The Orders API with <c>ConnectionStrings:redis</c> set to a real redis-server.</summary>
public sealed class RedisOrdersApiTests(RedisOrdersAppFixture app) : OrdersApiTests<RedisOrdersAppFixture>(app)
{
    [Fact]
    public void AddOrders_RedisConfigured_UsesTheRedisStore()
    {
        // Act
        var store = App.Services.GetRequiredService<IOrderStore>();

        // Assert
        Assert.IsType<RedisOrderStore>(store);
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
