using Platform.AppHost.Model;
using Platform.AppHost.Orchestration;

namespace Platform.AppHost.Hosting;

/// <summary>
/// Collects the app model (what <c>Program.cs</c> declares) and freezes it into a runnable
/// <see cref="DistributedApplication"/>: validated, ordered by dependencies, with a port per instance.
/// </summary>
internal sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<string> _errors;

    public DistributedApplicationBuilder(string[] args, string repositoryRoot)
    {
        Options = AppHostOptions.Parse(
            args,
            Path.Combine(repositoryRoot, ".platform"),
            Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"),
            out var errors);
        _errors = [.. errors];
    }

    public AppHostOptions Options { get; }

    /// <summary>How Redis is provided: the operator's server, ours, or none (embedded mode).</summary>
    public RedisMode RedisMode => Options switch
    {
        { RedisConnectionString: not null } => RedisMode.External,
        { Embedded: true } => RedisMode.Embedded,
        _ => RedisServer.IsInstalled ? RedisMode.Managed : RedisMode.Embedded,
    };

    public ResourceBuilder<RedisResource> AddRedis(string name) =>
        Add(new RedisResource(name, RedisMode, Path.Combine(Options.StateDirectory, name), Options.RedisConnectionString));

    public ResourceBuilder<ProjectResource> AddProject<TProject>(string name)
        where TProject : IProjectMetadata, new() =>
        Add(new ProjectResource(name, new TProject()));

    private ResourceBuilder<T> Add<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            _errors.Add($"Resource name '{resource.Name}' is used twice.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        var notes = new List<string>();
        var embedded = _resources.OfType<RedisResource>().Where(r => r.Mode == RedisMode.Embedded).ToHashSet();
        foreach (var resource in _resources)
        {
            if (resource.Replicas > 1 && resource.References.Any(embedded.Contains))
            {
                // Replicas of a stateful service would each hold a different in-memory copy.
                notes.Add($"{resource.Name}: {resource.Replicas} replicas need Redis to share state; running 1 in embedded mode.");
                resource.Replicas = 1;
            }

            if (resource.FixedPort is not null && resource.Replicas > 1)
            {
                _errors.Add($"{resource.Name}: a fixed port serves one replica; it has {resource.Replicas}.");
            }
        }

        var levels = OrderByDependencies(_resources, _errors);
        var changes = new ChangeSignal();
        var instances = new Dictionary<Resource, List<ResourceInstance>>();
        foreach (var resource in levels.SelectMany(l => l).Where(r => r is not RedisResource { Mode: RedisMode.Embedded }))
        {
            instances[resource] = [.. Enumerable.Range(0, resource.Replicas)
                .Select(replica => new ResourceInstance(resource, replica, resource.FixedPort ?? FreePort(), changes))];
        }

        return new DistributedApplication(Options, _errors, notes, levels, instances, RedisMode, changes);
    }

    /// <summary>Resources grouped in start levels: each level depends only on earlier ones. Reports cycles.</summary>
    private static List<List<Resource>> OrderByDependencies(List<Resource> resources, List<string> errors)
    {
        var levels = new List<List<Resource>>();
        var placed = new HashSet<Resource>();
        var remaining = new List<Resource>(resources);
        while (remaining.Count > 0)
        {
            var level = remaining.Where(r => r.WaitsFor.Concat(r.References).All(placed.Contains)).ToList();
            if (level.Count == 0)
            {
                errors.Add($"Dependency cycle among: {string.Join(", ", remaining.Select(r => r.Name))}.");
                levels.Add(remaining);
                break;
            }

            levels.Add(level);
            placed.UnionWith(level);
            remaining.RemoveAll(placed.Contains);
        }

        return levels;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static class RedisServer
    {
        public static readonly bool IsInstalled = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "redis-server")));
    }
}
