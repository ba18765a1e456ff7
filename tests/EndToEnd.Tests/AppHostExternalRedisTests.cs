using Platform.Testing;
using StackExchange.Redis;

namespace Platform.EndToEnd.Tests;

/// <summary>`--redis`: the platform uses an operator's Redis and starts none of its own.</summary>
public sealed class AppHostExternalRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Run_ExistingRedis_StartsNoRedisAndServicesKeepStateThere()
    {
        var endpoint = $"127.0.0.1:{redis.Port}";
        await using var host = AppHostProcess.Start(["--redis", endpoint]);

        var rows = await host.WaitForAllHealthyAsync(expectedCount: 11);
        var users = rows.Single(r => r.Name == "users-0").Endpoints.Single();
        var (status, created) = await UserFunctionsClient.InvokeAsync(users, "createUser", "POST", "/users", body: UserFunctionsClient.NewUser());
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(AppHostProcess.StartTimeout);
        var stored = await connection.GetDatabase().KeyExistsAsync($"users:{created.Text("userId")}").WaitAsync(AppHostProcess.StartTimeout);

        var row = rows.Single(r => r.Name == "redis");
        Assert.Null(row.Pid);
        Assert.Equal(endpoint, row.Endpoints.Single());
        Assert.Equal(201, status);
        Assert.True(stored);
        Assert.Contains($"Redis: using the existing server at {endpoint}.", host.Output, StringComparison.Ordinal);
    }
}
