namespace Platform.AppHost.Model;

/// <summary>
/// A process the AppHost starts and supervises: a project, Redis, any executable. Built by the fluent
/// extensions of <see cref="ResourceBuilderExtensions"/> and frozen when the application is built.
/// </summary>
internal abstract class Resource(string name, string type)
{
    public string Name { get; } = name;

    /// <summary>Shown in the resource table and the resource API: <c>project</c>, <c>redis</c>, ...</summary>
    public string Type { get; } = type;

    public int Replicas { get; set; } = 1;

    /// <summary>A fixed port for replica 0 (the public gateway port); null picks a free port per replica.</summary>
    public int? FixedPort { get; set; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public List<Resource> References { get; } = [];

    public List<Resource> WaitsFor { get; } = [];

    /// <summary>False when the resource is declared but not run (Redis in embedded mode).</summary>
    public virtual bool IsStarted => true;

    /// <summary>The endpoint scheme of an instance (<c>http</c>, <c>tcp</c>).</summary>
    public abstract string Scheme { get; }

    public abstract ProcessLaunch CreateLaunch(int port);

    public abstract HealthProbe CreateProbe(int port);
}
