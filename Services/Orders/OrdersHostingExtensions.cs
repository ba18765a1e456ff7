using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Orders.Api;
using Platform.Orders.Storage;
using Platform.ServiceDefaults.Redis;

namespace Platform.Orders;

/// <summary>Composition of the Orders service: <see cref="AddOrders"/> for services, <see cref="MapOrders"/> for the API.</summary>
internal static class OrdersHostingExtensions
{
    /// <summary>The path the API is served under; the gateway forwards <c>/orders</c> and <c>/orders/{proxy+}</c> here unchanged.</summary>
    public const string BasePath = "/orders";

    /// <summary>Registers the order store (Redis, or in memory in embedded mode), the clock, the metrics and the handlers.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PlatformRedis>();
        // The mode is decided once, when the store is composed (PlatformRedis logs which one).
        builder.Services.TryAddSingleton<IOrderStore>(services =>
        {
            var redis = services.GetRequiredService<PlatformRedis>();
            return redis.IsEmbedded ? new InMemoryOrderStore() : new RedisOrderStore(redis.GetDatabase());
        });
        builder.Services.TryAddSingleton<OrdersMetrics>();
        builder.Services.TryAddSingleton<OrderHandlers>();
        return builder;
    }

    /// <summary>Maps <c>GET /orders</c>, <c>POST /orders</c>, <c>GET /orders/{id}</c> and <c>DELETE /orders/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var handlers = endpoints.ServiceProvider.GetRequiredService<OrderHandlers>();
        var orders = endpoints.MapGroup(BasePath);
        orders.MapGet("", handlers.ListAsync).WithName("ListOrders");
        orders.MapPost("", handlers.CreateAsync).WithName("CreateOrder");
        orders.MapGet("{id}", handlers.GetAsync).WithName("GetOrder");
        orders.MapDelete("{id}", handlers.CancelAsync).WithName("CancelOrder");
        return endpoints;
    }
}
