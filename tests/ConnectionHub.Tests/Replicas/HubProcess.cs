using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Platform.ConnectionHub.Tests.Infrastructure;

namespace Platform.ConnectionHub.Tests.Replicas;

/// <summary>
/// A hub replica as a real process (<c>dotnet Platform.ConnectionHub.dll</c>, the build the test assembly
/// references), so it can die as a process dies: <see cref="Kill"/> is SIGKILL, with no shutdown code run.
/// Its stdout and stderr are kept for failure messages (<see cref="Output"/>). Disposing kills it if it still runs.
/// </summary>
public sealed partial class HubProcess : IAsyncDisposable
{
    /// <summary>The heartbeat TTL replicas are started with by default: short, so a dead replica is found in seconds.</summary>
    public static readonly TimeSpan HeartbeatTtl = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the process wrote so far, for assertion messages.</summary>
    public string Output => $"--- {Name} (pid {_process.Id}) output ---\n" + string.Join('\n', _output);

    /// <summary>
    /// Starts a replica on a port the OS picks (read back from Kestrel's "Now listening on" line, so parallel tests
    /// never race for a port) and waits until its readiness probe answers 200. Replicas that should see each other
    /// share <paramref name="keyPrefix"/>.
    /// </summary>
    public static async Task<HubProcess> StartAsync(string name, string apisFile, Uri functions, string redis, string keyPrefix, TimeSpan? heartbeatTtl = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Platform.ConnectionHub.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The hub's build is not next to the test assembly: {dll} is missing.");
        }

        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        var environment = start.Environment;
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Gateway__Definitions__0"] = apisFile;
        environment["services__functions__http__0"] = functions.ToString().TrimEnd('/');
        environment["Platform__Credentials__0__AccessKeyId"] = TestApis.AccessKeyId;
        environment["Platform__Credentials__0__SecretAccessKey"] = TestApis.SecretAccessKey;
        environment["ConnectionStrings__redis"] = redis;
        environment["ConnectionHub__Registry__KeyPrefix"] = keyPrefix;
        environment["ConnectionHub__Registry__HeartbeatTtl"] = (heartbeatTtl ?? HeartbeatTtl).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        environment["Logging__LogLevel__Default"] = "Warning";
        // The one Information line the start needs: the address Kestrel bound.
        environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var hub = new HubProcess(process, name);
        process.OutputDataReceived += (_, e) => hub.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => hub.OnLine(e.Data);
        process.Exited += (_, _) => hub._listening.TrySetException(new InvalidOperationException($"{name} exited during start."));
        if (!process.Start())
        {
            throw new InvalidOperationException($"{DotnetHost} did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var deadline = new CancellationTokenSource(StartTimeout);
            hub.BaseAddress = await hub._listening.Task.WaitAsync(deadline.Token);
            await hub.WaitReadyAsync(deadline.Token);
            return hub;
        }
        catch (Exception ex)
        {
            var output = hub.Output;
            await hub.DisposeAsync();
            throw new InvalidOperationException($"{name} did not become ready within {StartTimeout.TotalSeconds:0} s.\n{output}", ex);
        }
    }

    public Uri WebSocketUri(string api = "chat", string stage = "prod") => new($"ws://{BaseAddress.Authority}/{api}/{stage}");

    public Uri HttpUri(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>SIGKILL, as <c>kill -9</c>: the process gets no chance to close sockets, drain or delete its heartbeat.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits until the killed process is gone, so its sockets are closed by the kernel.</summary>
    public Task WaitForExitAsync() => _process.WaitForExitAsync().WaitAsync(ExitTimeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        // The hub's hosted services, its registry among them (heartbeat written, command channel subscribed), start
        // before the server listens; once it listens, one readiness probe says the replica answers and reaches Redis
        // (the Redis check waits for PING itself), so anything but 200 is a start failure, not a reason to ask again.
        using var client = new HttpClient { Timeout = StartTimeout };
        using var response = await client.GetAsync(HttpUri("/_hub/health"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name}'s readiness probe answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
