namespace Platform.AppHost.Model;

/// <summary>
/// Redis as the platform uses it: started by the AppHost (<see cref="RedisMode.Managed"/>, data and AOF under
/// the state directory), an existing server (<see cref="RedisMode.External"/>, <c>--redis</c>), or absent
/// (<see cref="RedisMode.Embedded"/>): then references inject nothing and every component keeps its state in
/// memory.
/// </summary>
internal sealed class RedisResource(string name, RedisMode mode, string dataDirectory, string? externalConnectionString)
    : Resource(name, "redis")
{
    public RedisMode Mode { get; } = mode;

    public string DataDirectory { get; } = dataDirectory;

    public string? ExternalConnectionString { get; } = externalConnectionString;

    public override bool IsStarted => Mode == RedisMode.Managed;

    public override string Scheme => "tcp";

    public string ConnectionString(int port) => Mode switch
    {
        RedisMode.External => ExternalConnectionString!,
        RedisMode.Managed => $"127.0.0.1:{port}",
        _ => throw new InvalidOperationException("Embedded mode has no Redis connection string."),
    };

    public override ProcessLaunch CreateLaunch(int port)
    {
        Directory.CreateDirectory(DataDirectory);
        string[] arguments =
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", DataDirectory,
            // Durable across AppHost restarts: append-only file, fsync once a second; no RDB snapshots.
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "",
            "--daemonize", "no",
            "--loglevel", "warning",
        ];
        return new ProcessLaunch("redis-server", arguments, DataDirectory, new Dictionary<string, string>(), LinkLifetimeThroughStdin: false);
    }

    public override HealthProbe CreateProbe(int port) => Mode == RedisMode.External
        ? RedisPingProbe.FromConnectionString(ExternalConnectionString!)
        : new RedisPingProbe("127.0.0.1", port, password: null);
}

internal enum RedisMode
{
    Managed,
    External,
    Embedded,
}
