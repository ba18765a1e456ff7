using System.Net;
using System.Text.Json.Nodes;

namespace Platform.EndToEnd.Tests;

/// <summary>The whole platform as `dotnet run --project AppHost` starts it, with Redis.</summary>
public sealed class AppHostRunTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>redis, samples, identity, users ×2, orders, authorizer, chat, connectionhub ×2, gateway.</summary>
    private const int ResourceCount = 11;

    [Fact]
    public async Task Run_Started_AllHealthyUsersWorkAcrossReplicasAndSigintLeavesNoProcess()
    {
        await using var host = AppHostProcess.Start();

        var rows = await host.WaitForAllHealthyAsync(ResourceCount);

        Assert.Equal(["redis", "samples", "identity", "users-0", "users-1", "orders", "authorizer", "chat", "connectionhub-0", "connectionhub-1", "gateway"], rows.Select(r => r.Name));
        Assert.Equal($"http://127.0.0.1:{host.GatewayPort}", rows.Single(r => r.Name == "gateway").Endpoints.Single());
        Assert.All(rows, r => Assert.NotNull(r.Pid));
        Assert.All(rows, r => Assert.Equal(0, r.Restarts));

        // Create through one replica, read through the other: both share Redis.
        var first = rows.Single(r => r.Name == "users-0").Endpoints.Single();
        var second = rows.Single(r => r.Name == "users-1").Endpoints.Single();
        var user = UserFunctionsClient.NewUser();
        var (createStatus, created) = await UserFunctionsClient.InvokeAsync(first, "createUser", "POST", "/users", body: user);
        var userId = created.Text("userId")!;
        var (getStatus, fetched) = await UserFunctionsClient.InvokeAsync(
            second, "getUser", "GET", $"/users/{userId}", pathParameters: new JsonObject { ["userId"] = userId });

        Assert.Equal(201, createStatus);
        Assert.Equal(200, getStatus);
        Assert.Equal(user.Text("email"), fetched.Text("email"));
        Assert.Equal(created.Text("createdAt"), fetched.Text("createdAt"));

        using var gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.GatewayPort}") };
        using var health = await gateway.GetAsync(new Uri("/health", UriKind.Relative)).WaitAsync(AppHostProcess.StartTimeout);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        host.Signal(PosixSignals.SigInt);
        var exitCode = await host.WaitForExitAsync(StopTimeout);

        Assert.Equal(0, exitCode);
        Assert.Contains($"All {ResourceCount} resources healthy in", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(rows.Select(r => r.Pid!.Value), PosixSignals.IsRunning);
        Assert.False(File.Exists(Path.Combine(host.StateDirectory, "apphost.json")));
    }

    [Fact]
    public async Task Run_ChildKilled_RestartedOnTheSamePortAndHealthyAgain()
    {
        await using var host = AppHostProcess.Start();
        var rows = await host.WaitForAllHealthyAsync(ResourceCount);
        var victim = rows.Single(r => r.Name == "connectionhub-0");

        PosixSignals.Send(victim.Pid!.Value, PosixSignals.SigKill);
        var after = await host.WaitForAsync(snapshot => snapshot.Any(r =>
            r.Name == "connectionhub-0" && r.Restarts == 1 && r.IsHealthy && r.Pid != victim.Pid));

        var restarted = after.Single(r => r.Name == "connectionhub-0");
        Assert.Equal(victim.Endpoints, restarted.Endpoints);
        Assert.All(after.Where(r => r.Name != "connectionhub-0"), r => Assert.Equal(0, r.Restarts));
        Assert.Contains("connectionhub-0 exited with code", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AppHostKilledHard_ChildrenStopThemselvesAndNextStartReapsRedis()
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "platform-e2e-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Disposed only at the end: its clean-up would otherwise kill the orphan the next start must reap.
            await using var killed = AppHostProcess.Start(stateDirectory: stateDirectory);
            var rows = await killed.WaitForAllHealthyAsync(ResourceCount);
            killed.Signal(PosixSignals.SigKill);
            await killed.WaitForExitAsync(StopTimeout);

            // Project children see their stdin close and stop on their own; Redis cannot, and is left over.
            foreach (var project in rows.Where(r => r.Type == "project"))
            {
                await PosixSignals.WaitForExitAsync(project.Pid!.Value, StopTimeout);
            }

            var redisPid = rows.Single(r => r.Name == "redis").Pid!.Value;
            Assert.True(PosixSignals.IsRunning(redisPid));

            await using var next = AppHostProcess.Start(stateDirectory: stateDirectory);
            await next.WaitForAllHealthyAsync(ResourceCount);

            Assert.Contains($"Stopped process {redisPid} left running", next.Output, StringComparison.Ordinal);
            Assert.False(PosixSignals.IsRunning(redisPid));
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Run_StateDirectoryInUse_SecondAppHostRefused()
    {
        await using var first = AppHostProcess.Start();
        await first.WaitForAllHealthyAsync(ResourceCount);

        await using var second = AppHostProcess.Start(stateDirectory: first.StateDirectory);
        var exitCode = await second.WaitForExitAsync(StopTimeout);

        Assert.Equal(1, exitCode);
        Assert.Contains($"Another AppHost (pid {first.Process.Id}) is running", second.Output, StringComparison.Ordinal);
    }
}
