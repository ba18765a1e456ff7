using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The real AppHost, started as a process on free ports with its own state directory. Waits are driven by the
/// AppHost's resource watch stream (server-sent events), never by sleeping. Disposal stops it with SIGINT and
/// kills anything left, so a failing test leaves no process behind.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentQueue<string> _output = new();
    private readonly HashSet<int> _seenPids = [];
    private readonly bool _ownsStateDirectory;

    private AppHostProcess(Process process, int gatewayPort, int dashboardPort, string stateDirectory, bool ownsStateDirectory)
    {
        Process = process;
        GatewayPort = gatewayPort;
        DashboardPort = dashboardPort;
        StateDirectory = stateDirectory;
        _ownsStateDirectory = ownsStateDirectory;
        Dashboard = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboardPort}"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public Process Process { get; }

    public int GatewayPort { get; }

    public int DashboardPort { get; }

    public string StateDirectory { get; }

    public HttpClient Dashboard { get; }

    public string Output => string.Join('\n', _output);

    public static string AssemblyPath => typeof(AppHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AppHostAssembly").Value!;

    /// <summary>Starts the AppHost with <paramref name="arguments"/> plus free ports and a fresh state directory.</summary>
    public static AppHostProcess Start(IEnumerable<string>? arguments = null, string? stateDirectory = null)
    {
        var gatewayPort = FreePort.Next();
        var dashboardPort = FreePort.Next();
        var owns = stateDirectory is null;
        stateDirectory ??= Path.Combine(Path.GetTempPath(), "platform-e2e-" + Guid.NewGuid().ToString("N"));
        var all = new List<string>
        {
            "--gateway-port", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dashboard-port", dashboardPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--state-dir", stateDirectory,
        };
        all.AddRange(arguments ?? []);
        var process = StartRaw(all);
        var host = new AppHostProcess(process, gatewayPort, dashboardPort, stateDirectory, owns);
        host.Attach();
        return host;
    }

    /// <summary>Starts the AppHost with exactly <paramref name="arguments"/> (for argument-error tests).</summary>
    public static Process StartRaw(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        return Process.Start(start) ?? throw new InvalidOperationException("The AppHost did not start.");
    }

    private void Attach()
    {
        Process.OutputDataReceived += (_, e) => Record(e.Data);
        Process.ErrorDataReceived += (_, e) => Record(e.Data);
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public async Task<IReadOnlyList<ResourceRow>> ResourcesAsync()
    {
        var rows = await Dashboard.GetFromJsonAsync<List<ResourceRow>>(new Uri("/api/resources", UriKind.Relative), Json)
            .WaitAsync(StartTimeout).ConfigureAwait(false);
        Remember(rows!);
        return rows!;
    }

    /// <summary>Reads the watch stream until <paramref name="condition"/> holds for a snapshot; returns that snapshot.</summary>
    public async Task<IReadOnlyList<ResourceRow>> WaitForAsync(Func<IReadOnlyList<ResourceRow>, bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? StartTimeout);
        IReadOnlyList<ResourceRow> last = [];
        try
        {
            using var stream = await ConnectWatchAsync(deadline.Token).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                last = JsonSerializer.Deserialize<List<ResourceRow>>(line["data: ".Length..], Json)!;
                Remember(last);
                if (condition(last))
                {
                    return last;
                }
            }

            throw new InvalidOperationException("The AppHost closed the watch stream.\n" + Describe(last));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException("The awaited resource state did not come.\n" + Describe(last));
        }
    }

    public Task<IReadOnlyList<ResourceRow>> WaitForAllHealthyAsync(int expectedCount) =>
        WaitForAsync(rows => rows.Count == expectedCount && rows.All(r => r.IsHealthy));

    /// <summary>The watch stream, once the resource API listens (the AppHost process exiting ends the wait).</summary>
    private async Task<Stream> ConnectWatchAsync(CancellationToken cancellationToken)
    {
        var exited = Process.WaitForExitAsync(cancellationToken);
        while (true)
        {
            try
            {
                var response = await Dashboard.GetAsync(new Uri("/api/resources/watch", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                    .ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (!exited.IsCompleted)
            {
                // Not listening yet: retry when the AppHost prints its next line, or exits.
                var before = _output.Count;
                await WhenOutputGrowsAsync(before, exited, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (exited.IsCompleted)
            {
                throw new InvalidOperationException($"The AppHost exited with code {Process.ExitCode}.\n{Output}");
            }
        }
    }

    private async Task WhenOutputGrowsAsync(int count, Task exited, CancellationToken cancellationToken)
    {
        var grown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object? sender, DataReceivedEventArgs e) => grown.TrySetResult();
        Process.OutputDataReceived += OnLine;
        try
        {
            if (_output.Count == count)
            {
                await Task.WhenAny(grown.Task, exited).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Process.OutputDataReceived -= OnLine;
        }
    }

    /// <summary>Waits until a line of the AppHost's output (its own and its children's) satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line && condition(line))
            {
                seen.TrySetResult();
            }
        }

        Process.OutputDataReceived += OnLine;
        try
        {
            if (_output.Any(condition))
            {
                return;
            }

            await seen.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("The awaited output line did not come.\n" + Output);
        }
        finally
        {
            Process.OutputDataReceived -= OnLine;
        }
    }

    public void Signal(int signal) => PosixSignals.Send(Process.Id, signal);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await Process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        return Process.ExitCode;
    }

    /// <summary>Every pid any snapshot has shown: what must be gone after a stop.</summary>
    public IReadOnlyCollection<int> SeenPids
    {
        get
        {
            lock (_seenPids)
            {
                return [.. _seenPids];
            }
        }
    }

    private void Remember(IEnumerable<ResourceRow> rows)
    {
        lock (_seenPids)
        {
            _seenPids.UnionWith(rows.Where(r => r.Pid is not null).Select(r => r.Pid!.Value));
        }
    }

    private static bool IsPlatformProcess(int pid)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return commandLine.Contains("Platform.", StringComparison.Ordinal) || commandLine.Contains("redis-server", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string Describe(IReadOnlyList<ResourceRow> rows) =>
        "Last snapshot:\n" + string.Join('\n', rows.Select(r => r.ToString())) + "\nOutput:\n" + Output;

    public async ValueTask DisposeAsync()
    {
        Dashboard.Dispose();
        if (!Process.HasExited)
        {
            PosixSignals.Send(Process.Id, PosixSignals.SigInt);
            try
            {
                await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Process.Kill(entireProcessTree: true);
            }
        }

        // Whatever a failed test left: the AppHost's children outlive it only if a test killed it hard.
        foreach (var pid in SeenPids.Where(PosixSignals.IsRunning).Where(IsPlatformProcess))
        {
            PosixSignals.Send(pid, PosixSignals.SigKill);
        }

        Process.Dispose();
        if (_ownsStateDirectory && Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }
}
