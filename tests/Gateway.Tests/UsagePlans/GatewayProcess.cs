using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>
/// The gateway as a real process (<c>dotnet Platform.Gateway.dll</c>, the build next to the test assembly) on a
/// port the OS picks, read back from Kestrel's "Now listening on" line. Ready when its readiness probe answers
/// 200 (Redis reachable, when configured). Disposing kills it by its process id and waits for it to exit.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the process wrote so far, for assertion messages.</summary>
    public string Output => $"--- {Name} (pid {_process.Id}) ---\n" + string.Join('\n', _output);

    /// <summary>Starts a gateway serving <paramref name="definitionsFile"/> with <paramref name="environment"/> added to its own.</summary>
    public static async Task<GatewayProcess> StartAsync(string name, string definitionsFile, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Platform.Gateway.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The gateway's build is not next to the test assembly: {dll} is missing.");
        }

        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Gateway__Definitions__0"] = definitionsFile;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var gateway = new GatewayProcess(process, name);
        process.OutputDataReceived += (_, e) => gateway.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.OnLine(e.Data);
        process.Exited += (_, _) => gateway._listening.TrySetException(new InvalidOperationException($"{name} exited during start."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var deadline = new CancellationTokenSource(StartTimeout);
            gateway.BaseAddress = await gateway._listening.Task.WaitAsync(deadline.Token);
            await gateway.WaitReadyAsync(deadline.Token);
            return gateway;
        }
        catch (Exception ex)
        {
            var output = gateway.Output;
            await gateway.DisposeAsync();
            throw new InvalidOperationException($"{name} did not become ready within {StartTimeout.TotalSeconds:0} s.\n{output}", ex);
        }
    }

    public Uri Uri(string pathAndQuery) => new(BaseAddress, pathAndQuery);

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
            _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    /// <summary>
    /// Once Kestrel listens (the log line), one health request: the gateway's health check itself waits for Redis
    /// to answer PING, so a 200 means ready and anything else is a start failure, not a reason to ask again.
    /// </summary>
    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = StartTimeout };
        using var response = await client.GetAsync(Uri("_gateway/health"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name}'s health check answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
