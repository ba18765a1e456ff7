using Platform.AppHost.Model;

namespace Platform.AppHost.Hosting;

/// <summary>The Aspire-like verbs of the app model: references, start order, replicas, environment, endpoints.</summary>
internal static class ResourceBuilderExtensions
{
    /// <summary>
    /// Injects how to reach <paramref name="target"/>: <c>ConnectionStrings__{name}</c> for Redis,
    /// <c>services__{name}__http__{replica}</c> for a project. Nothing for Redis in embedded mode.
    /// </summary>
    public static ResourceBuilder<T> WithReference<T, TTarget>(this ResourceBuilder<T> builder, ResourceBuilder<TTarget> target)
        where T : Resource
        where TTarget : Resource
    {
        builder.Resource.References.Add(target.Resource);
        return builder;
    }

    /// <summary>Starts this resource only once every instance of <paramref name="dependency"/> is healthy.</summary>
    public static ResourceBuilder<T> WaitFor<T, TTarget>(this ResourceBuilder<T> builder, ResourceBuilder<TTarget> dependency)
        where T : Resource
        where TTarget : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static ResourceBuilder<T> WithReplicas<T>(this ResourceBuilder<T> builder, int replicas)
        where T : Resource
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    public static ResourceBuilder<T> WithEnvironment<T>(this ResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }

    public static ResourceBuilder<T> WithEnvironment<T>(this ResourceBuilder<T> builder, IEnumerable<(string Name, string Value)> variables)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var (name, value) in variables)
        {
            builder.Resource.Environment[name] = value;
        }

        return builder;
    }

    /// <summary>Serves on a fixed port instead of a free one (one replica only).</summary>
    public static ResourceBuilder<T> WithHttpEndpoint<T>(this ResourceBuilder<T> builder, int port)
        where T : Resource
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        builder.Resource.FixedPort = port;
        return builder;
    }

    /// <summary>The readiness path the AppHost polls (default <c>/health</c>).</summary>
    public static ResourceBuilder<ProjectResource> WithHttpHealthCheck(this ResourceBuilder<ProjectResource> builder, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        builder.Resource.HealthPath = path;
        return builder;
    }
}
