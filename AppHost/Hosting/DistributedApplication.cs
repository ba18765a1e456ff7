using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Platform.AppHost.Dashboard;
using Platform.AppHost.Model;
using Platform.AppHost.Orchestration;

namespace Platform.AppHost.Hosting;

/// <summary>
/// The built app model, run: claims the state directory, starts the resource API, supervises every instance,
/// prints the resource table once all are healthy, and on Ctrl+C or SIGTERM stops everything (a second signal
/// kills at once). Returns the process exit code.
/// </summary>
internal sealed class DistributedApplication(
    AppHostOptions options,
    IReadOnlyList<string> errors,
    IReadOnlyList<string> notes,
    IReadOnlyList<List<Resource>> levels,
    IReadOnlyDictionary<Resource, List<ResourceInstance>> instances,
    RedisMode redisMode,
    ChangeSignal changes)
{
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args, Projects.Repository.Root);

    internal IReadOnlyList<string> Errors => errors;

    internal IReadOnlyList<string> Notes => notes;

    /// <summary>Resources in start levels: each level depends only on earlier ones.</summary>
    internal IReadOnlyList<IReadOnlyList<Resource>> Levels => levels;

    internal IReadOnlyDictionary<Resource, List<ResourceInstance>> Instances => instances;

    public async Task<int> RunAsync()
    {
        if (options.ShowHelp)
        {
            Console.WriteLine(AppHostOptions.Usage);
            return 0;
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"error: {error}");
            }

            Console.Error.WriteLine(AppHostOptions.Usage);
            return 2;
        }

        var started = Stopwatch.GetTimestamp();
        var all = instances.Values.SelectMany(i => i).ToList();
        var output = new ConsoleOutput(Math.Max("apphost".Length, all.Max(i => i.Name.Length)));
        var state = new StateDirectory(options.StateDirectory);
        try
        {
            foreach (var note in state.Claim())
            {
                output.System(note);
            }
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }

        try
        {
            if (FindPortInUse(all) is { } conflict)
            {
                Console.Error.WriteLine($"error: {conflict}");
                return 1;
            }

            output.System(DescribeRedis(all));
            foreach (var note in notes)
            {
                output.System(note);
            }

            using var orchestrator = new Orchestrator(CreateSupervisors(output, state), options.StopTimeout);
            using var shutdown = new CancellationTokenSource();
            var signals = 0;
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                if (Interlocked.Increment(ref signals) == 1)
                {
                    output.System($"{context.Signal}: stopping every resource (again to kill at once).");
                    shutdown.Cancel();
                }
                else
                {
                    orchestrator.KillAll();
                }
            }

            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

            WebApplication dashboard;
            try
            {
                dashboard = await ResourceApi.StartAsync(options.DashboardPort, orchestrator, changes, shutdown.Token).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"error: the resource API cannot listen on 127.0.0.1:{options.DashboardPort} ({ex.Message}); pass --dashboard-port.");
                return 1;
            }

            await using (dashboard.ConfigureAwait(false))
            {
                orchestrator.Start();
                try
                {
                    await orchestrator.AllHealthy.WaitAsync(shutdown.Token).ConfigureAwait(false);
                    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    output.Raw(FormatTable(orchestrator.Snapshot(), seconds));
                    await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
                {
                }
                finally
                {
                    await orchestrator.StopAsync().ConfigureAwait(false);
                }

                output.System("Stopped.");
                using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await dashboard.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            }

            return 0;
        }
        finally
        {
            state.Release();
        }
    }

    private List<IReadOnlyList<InstanceSupervisor>> CreateSupervisors(ConsoleOutput output, StateDirectory state)
    {
        var environmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development";
        var supervisors = new List<IReadOnlyList<InstanceSupervisor>>();
        foreach (var level in levels)
        {
            var levelSupervisors = new List<InstanceSupervisor>();
            foreach (var resource in level.Where(instances.ContainsKey))
            {
                var dependencies = resource.WaitsFor.Where(instances.ContainsKey).SelectMany(d => instances[d]).ToList();
                foreach (var instance in instances[resource])
                {
                    var environment = EnvironmentFor(instance, environmentName);
                    levelSupervisors.Add(new InstanceSupervisor(instance, environment, dependencies, output, state, TimeProvider.System));
                }
            }

            supervisors.Add(levelSupervisors);
        }

        return supervisors;
    }

    /// <summary>The Aspire conventions: connection strings, service discovery, telemetry, lifetime link.</summary>
    private Dictionary<string, string> EnvironmentFor(ResourceInstance instance, string environmentName)
    {
        var environment = new Dictionary<string, string>(instance.Resource.Environment, StringComparer.Ordinal);
        if (instance.Resource is not ProjectResource)
        {
            return environment;
        }

        environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        environment["DOTNET_ENVIRONMENT"] = environmentName;
        environment["OTEL_SERVICE_NAME"] = instance.Resource.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instance.InstanceId}";
        if (options.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.ToString();
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }

        environment["PLATFORM_APPHOST_LINK"] = "stdin";
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ";

        foreach (var reference in instance.Resource.References)
        {
            if (reference is RedisResource redis)
            {
                if (instances.TryGetValue(redis, out var redisInstances))
                {
                    environment[$"ConnectionStrings__{redis.Name}"] = redis.ConnectionString(redisInstances[0].Port);
                }

                continue;
            }

            if (instances.TryGetValue(reference, out var targets))
            {
                foreach (var target in targets)
                {
                    environment[$"services__{reference.Name}__{reference.Scheme}__{target.Replica}"] = target.Endpoint;
                }
            }
        }

        return environment;
    }

    private string? FindPortInUse(IEnumerable<ResourceInstance> all)
    {
        foreach (var instance in all.Where(i => i.Resource.FixedPort is not null))
        {
            if (!IsFree(instance.Port))
            {
                return $"{instance.Name} cannot listen on 127.0.0.1:{instance.Port}: the port is in use. Choose another with --gateway-port.";
            }
        }

        return IsFree(options.DashboardPort)
            ? null
            : $"the resource API cannot listen on 127.0.0.1:{options.DashboardPort}: the port is in use. Choose another with --dashboard-port.";
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string DescribeRedis(IEnumerable<ResourceInstance> all)
    {
        var redis = all.FirstOrDefault(i => i.Resource is RedisResource);
        return redisMode switch
        {
            RedisMode.Managed when redis is not null =>
                $"Redis: starting redis-server on 127.0.0.1:{redis.Port}, data with AOF in {((RedisResource)redis.Resource).DataDirectory}.",
            RedisMode.External => $"Redis: using the existing server at {options.RedisConnectionString}.",
            _ => (options.Embedded ? "Embedded mode (--embedded)" : "Embedded mode: redis-server is not installed")
                + ": each service keeps its state in its own memory (lost on restart, not shared, one replica per service)."
                + " For shared, durable state install Redis (sudo apt-get install -y redis-server) or pass --redis <connection string>.",
        };
    }

    private static string FormatTable(IReadOnlyList<ResourceSnapshot> rows, double seconds)
    {
        string[] header = ["RESOURCE", "TYPE", "STATE", "HEALTH", "ENDPOINT", "PID"];
        var cells = rows.Select(r => new[]
        {
            r.Name, r.Type, r.State, r.Health, string.Join(' ', r.Endpoints), r.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(row => row[c].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"All {rows.Count} resources healthy in {seconds:0.0} s.");
        foreach (var row in cells.Prepend(header))
        {
            text.AppendLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        return text.ToString().TrimEnd();
    }
}
