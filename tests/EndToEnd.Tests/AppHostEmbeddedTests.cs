using System.Text.Json.Nodes;

namespace Platform.EndToEnd.Tests;

/// <summary>The platform without Redis: every service keeps state in memory, one replica each.</summary>
public sealed class AppHostEmbeddedTests
{
    [Fact]
    public async Task Run_Embedded_NoRedisOneUsersReplicaAndUsersWork()
    {
        await using var host = AppHostProcess.Start(["--embedded"]);

        var rows = await host.WaitForAllHealthyAsync(expectedCount: 6);
        var users = rows.Single(r => r.Resource == "users").Endpoints.Single();
        var (createStatus, created) = await UserFunctionsClient.InvokeAsync(users, "createUser", "POST", "/users", body: UserFunctionsClient.NewUser());
        var userId = created.Text("userId")!;
        var (getStatus, _) = await UserFunctionsClient.InvokeAsync(
            users, "getUser", "GET", $"/users/{userId}", pathParameters: new JsonObject { ["userId"] = userId });

        Assert.Equal(["samples", "identity", "users", "orders", "authorizer", "chat", "connectionhub", "gateway"], rows.Select(r => r.Name));
        Assert.Equal(201, createStatus);
        Assert.Equal(200, getStatus);
        Assert.Contains("Embedded mode (--embedded)", host.Output, StringComparison.Ordinal);
        Assert.Contains("users: 2 replicas need Redis to share state; running 1 in embedded mode.", host.Output, StringComparison.Ordinal);
        Assert.Contains("Embedded mode: ConnectionStrings:redis is not set", host.Output, StringComparison.Ordinal);
    }
}
