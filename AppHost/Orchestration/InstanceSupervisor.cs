using System.Diagnostics;
using Platform.AppHost.Model;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// Keeps one instance running: waits for its dependencies, starts the process, probes its health, restarts it
/// with exponential backoff when it exits unexpectedly, and stops it (SIGTERM, then kill after the grace period).
/// </summary>
internal sealed class InstanceSupervisor(
    ResourceInstance instance,
    IReadOnlyDictionary<string, string> environment,
    IReadOnlyList<ResourceInstance> dependencies,
    ConsoleOutput output,
    StateDirectory state,
    TimeProvider time)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private Process? _process;
    private bool _stopRequested;

    public ResourceInstance Instance => instance;

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            instance.SetState(InstanceState.Waiting);
            await Task.WhenAll(dependencies.Select(d => d.FirstHealthy)).WaitAsync(stopping).ConfigureAwait(false);

            if (!instance.Resource.IsStarted)
            {
                // An external resource: nothing to start, only its health to watch.
                instance.SetState(InstanceState.Running);
                await ProbeAsync(stopping).ConfigureAwait(false);
                return;
            }

            var failures = 0;
            while (!stopping.IsCancellationRequested)
            {
                var startedAt = time.GetTimestamp();
                var exitCode = await RunOnceAsync(stopping).ConfigureAwait(false);
                if (exitCode is null)
                {
                    break;
                }

                failures = time.GetElapsedTime(startedAt) >= StableAfter ? 1 : failures + 1;
                var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1)));
                instance.CountRestart();
                instance.SetState(InstanceState.Restarting, clearProcess: true);
                output.System($"{instance.Name} {exitCode}; restarting in {delay.TotalSeconds:0} s.");
                await Task.Delay(delay, time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        instance.SetState(InstanceState.Stopped, clearProcess: true);
    }

    /// <summary>Runs the process until it exits. Returns why it exited, or null when it was stopped on purpose.</summary>
    private async Task<string?> RunOnceAsync(CancellationToken stopping)
    {
        Process process;
        lock (_gate)
        {
            if (_stopRequested)
            {
                return null;
            }

            instance.SetState(InstanceState.Starting);
            try
            {
                process = Start();
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                instance.SetState(InstanceState.FailedToStart, clearProcess: true);
                output.System($"{instance.Name} failed to start: {ex.Message}");
                return "failed to start";
            }

            _process = process;
        }

        state.Add(process.Id);
        instance.SetState(InstanceState.Running, process.Id);
        using var exited = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var probing = ProbeAsync(exited.Token);

        // No cancellation here: a stop ends the process, and that ends this wait.
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await exited.CancelAsync().ConfigureAwait(false);
        await probing.ConfigureAwait(false);
        state.Remove(process.Id);

        lock (_gate)
        {
            _process = null;
            var exitCode = process.ExitCode;
            process.Dispose();
            return _stopRequested || stopping.IsCancellationRequested ? null : $"exited with code {exitCode}";
        }
    }

    private Process Start()
    {
        var launch = instance.Resource.CreateLaunch(instance.Port);
        var start = new ProcessStartInfo(launch.FileName)
        {
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in start.Environment.Keys.Where(IsInjectedByAppHost).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Child(instance.Name, e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.ChildError(instance.Name, e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        // stdin stays open and unwritten: it closes when the AppHost dies (see AppHostLifetimeLink).
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var probe = instance.Resource.CreateProbe(instance.Port);
        var everHealthy = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var healthy = await probe.IsHealthyAsync(cancellationToken).ConfigureAwait(false);
                instance.SetHealth(healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy);
                everHealthy |= healthy;

                // Poll quickly until first healthy (start-up time matters), then at a steady pace.
                var interval = everHealthy ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(100);
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the instance for good: SIGTERM, then the whole process tree is killed after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Process? process;
        lock (_gate)
        {
            _stopRequested = true;
            process = _process;
        }

        if (process is null || HasExited(process))
        {
            return;
        }

        instance.SetState(InstanceState.Stopping);
        if (Signals.Terminate(process.Id))
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(grace).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
                output.System($"{instance.Name} did not stop within {grace.TotalSeconds:0} s; killing it.");
            }
        }

        Kill(process);
    }

    /// <summary>Immediate kill of the whole tree (second Ctrl+C, or a failing shutdown).</summary>
    public void Kill()
    {
        Process? process;
        lock (_gate)
        {
            _stopRequested = true;
            process = _process;
        }

        if (process is not null)
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Variables the AppHost owns: inherited values would point children at the wrong places.</summary>
    private static bool IsInjectedByAppHost(string name) =>
        name.StartsWith("services__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("OTEL_", StringComparison.Ordinal)
        || name is "ASPNETCORE_URLS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS" or "DOTNET_URLS";
}
