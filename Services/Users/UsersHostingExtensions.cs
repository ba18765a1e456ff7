using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Functions;
using Platform.ServiceDefaults.Redis;
using Platform.Users.Handlers;
using Platform.Users.Storage;

namespace Platform.Users;

/// <summary>Composition of the Users service: <see cref="AddUsers"/> for services, <see cref="MapUserFunctions"/> for the functions.</summary>
internal static class UsersHostingExtensions
{
    /// <summary>Registers the user store (Redis, or in memory in embedded mode), the clock and the functions.</summary>
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddFunctions();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PlatformRedis>();
        // The mode is decided once, when the store is composed (PlatformRedis logs which one).
        builder.Services.TryAddSingleton<IUserStore>(services =>
        {
            var redis = services.GetRequiredService<PlatformRedis>();
            return redis.IsEmbedded ? new InMemoryUserStore() : new RedisUserStore(redis.GetDatabase());
        });
        builder.Services.TryAddSingleton<UsersMetrics>();
        builder.Services.TryAddSingleton<UserFunctions>();
        return builder;
    }

    /// <summary>Maps listUsers, createUser and getUser: payload 2.0 events in, payload 2.0 responses out.</summary>
    public static IEndpointRouteBuilder MapUserFunctions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var functions = endpoints.ServiceProvider.GetRequiredService<UserFunctions>();
        return endpoints
            .MapFunction<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(UserFunctions.ListUsers, functions.ListUsersAsync)
            .MapFunction<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(UserFunctions.CreateUser, functions.CreateUserAsync)
            .MapFunction<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(UserFunctions.GetUser, functions.GetUserAsync);
    }
}
