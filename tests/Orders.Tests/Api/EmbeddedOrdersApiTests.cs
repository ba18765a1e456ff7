using Microsoft.Extensions.DependencyInjection;
using Platform.Orders.Storage;

namespace Platform.Orders.Tests.Api;

/// <summary>The Orders API in embedded mode (no <c>ConnectionStrings:redis</c>).</summary>
public sealed class EmbeddedOrdersApiTests(EmbeddedOrdersAppFixture app) : OrdersApiTests<EmbeddedOrdersAppFixture>(app)
{
    [Fact]
    public void AddOrders_NoRedisConfigured_UsesTheInMemoryStore()
    {
        // Act
        var store = App.Services.GetRequiredService<IOrderStore>();

        // Assert
        Assert.IsType<InMemoryOrderStore>(store);
    }
}
