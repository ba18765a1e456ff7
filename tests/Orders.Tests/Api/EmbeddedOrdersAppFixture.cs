namespace Platform.Orders.Tests.Api;

/// <summary>The Orders app without <c>ConnectionStrings:redis</c>: embedded mode, orders in memory.</summary>
public sealed class EmbeddedOrdersAppFixture : OrdersAppFixture
{
    protected override Task<string?> StartRedisAsync() => Task.FromResult<string?>(null);
}
