using Platform.AppHost.Hosting;
using Platform.AppHost.Model;

namespace Platform.AppHost.Tests;

public sealed class DistributedApplicationBuilderTests
{
    private sealed class Api : IProjectMetadata
    {
        public string ProjectPath => "/repo/Api/Api.csproj";

        public string TargetPath => "/repo/Api/bin/Platform.Api.dll";
    }

    private static DistributedApplicationBuilder Create(params string[] args) => new(args, "/repo");

    [Fact]
    public void Build_DependencyChain_StartsInLevels()
    {
        var builder = Create("--redis", "127.0.0.1:6379");
        var redis = builder.AddRedis("redis");
        var users = builder.AddProject<Api>("users").WithReference(redis).WaitFor(redis);
        var gateway = builder.AddProject<Api>("gateway").WithReference(users).WaitFor(users);

        var app = builder.Build();

        Assert.Empty(app.Errors);
        Assert.Equal([["redis"], ["users"], ["gateway"]], app.Levels.Select(l => l.Select(r => r.Name).ToArray()).ToArray());
    }

    [Fact]
    public void Build_Replicas_OneInstanceEachWithItsOwnPort()
    {
        var builder = Create("--redis", "127.0.0.1:6379");
        var redis = builder.AddRedis("redis");
        builder.AddProject<Api>("users").WithReference(redis).WithReplicas(3);
        builder.AddProject<Api>("gateway").WithHttpEndpoint(port: 8123);

        var app = builder.Build();

        var users = app.Instances.Single(i => i.Key.Name == "users").Value;
        Assert.Equal(["users-0", "users-1", "users-2"], users.Select(i => i.Name));
        Assert.Equal(3, users.Select(i => i.Port).Distinct().Count());
        Assert.Equal(8123, app.Instances.Single(i => i.Key.Name == "gateway").Value.Single().Port);
    }

    [Fact]
    public void Build_EmbeddedMode_NoRedisInstanceAndStatefulReplicasClampedWithANote()
    {
        var builder = Create("--embedded");
        var redis = builder.AddRedis("redis");
        builder.AddProject<Api>("users").WithReference(redis).WaitFor(redis).WithReplicas(2);

        var app = builder.Build();

        Assert.Equal(RedisMode.Embedded, builder.RedisMode);
        Assert.DoesNotContain(app.Instances.Keys, r => r.Name == "redis");
        Assert.Single(app.Instances.Single(i => i.Key.Name == "users").Value);
        Assert.Contains(app.Notes, n => n.StartsWith("users: 2 replicas need Redis", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_InvalidModel_ReportsEveryError()
    {
        var builder = Create("--redis", "127.0.0.1:6379");
        var a = builder.AddProject<Api>("a");
        var b = builder.AddProject<Api>("b").WaitFor(a);
        a.WaitFor(b);
        builder.AddProject<Api>("A");
        builder.AddProject<Api>("edge").WithHttpEndpoint(port: 9000).WithReplicas(2);

        var app = builder.Build();

        Assert.Contains(app.Errors, e => e == "Resource name 'A' is used twice.");
        Assert.Contains(app.Errors, e => e.StartsWith("Dependency cycle among: a, b", StringComparison.Ordinal));
        Assert.Contains(app.Errors, e => e.StartsWith("edge: a fixed port serves one replica", StringComparison.Ordinal));
    }

    [Fact]
    public void ProjectResource_AssemblyNotBuilt_ExplainsHowToBuild()
    {
        var builder = Create("--embedded");
        var api = builder.AddProject<Api>("api");

        var error = Assert.Throws<InvalidOperationException>(() => api.Resource.CreateLaunch(5000));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
