using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using Platform.Testing;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The test backend (tests/Gateway.TestBackend) as a real process on a free loopback port. Readiness is the
/// backend's own ready line, awaited with a timeout; disposal kills the process tree and waits for it to exit.
/// Nothing process-wide is registered: a failed start kills what it started before throwing.
/// </summary>
public sealed class BackendProcess : IAsyncDisposable, IDisposable
{
    private const string ReadyPrefix = "TestBackend ready: ";
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private BackendProcess(Process process, Uri baseAddress, ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Where the backend listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    /// <summary>A client talking to the backend directly (not through a gateway).</summary>
    public HttpClient Client { get; }

    public string Output => string.Join('\n', _output);

    public static string AssemblyPath => typeof(BackendProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TestBackendAssembly").Value!;

    public static async Task<BackendProcess> StartAsync()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(AssemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            output.Enqueue(line);
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(new Uri(line[ReadyPrefix.Length..].Split(' ')[0].TrimEnd('/') + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            "The test backend exited during start:\n" + string.Join('\n', output)));

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await ready.Task.WaitAsync(TestTimeouts.Default).ConfigureAwait(false);
            return new BackendProcess(process, address, output);
        }
        catch (Exception ex)
        {
            await StopAsync(process).ConfigureAwait(false);
            throw new InvalidOperationException($"The test backend did not start ({AssemblyPath}):\n" + string.Join('\n', output), ex);
        }
    }

    /// <summary>How many <c>/delay?tag=</c> requests the backend has started and seen aborted.</summary>
    public async Task<RequestCounts> RequestCountsAsync(string tag, CancellationToken cancellationToken = default) =>
        (await Client.GetFromJsonAsync<RequestCounts>(new Uri("aborts?tag=" + Uri.EscapeDataString(tag), UriKind.Relative), cancellationToken)
            .ConfigureAwait(false))!;

    /// <summary>Polls the backend's counts until <paramref name="condition"/> holds; throws after <see cref="TestTimeouts.Default"/>.</summary>
    public async Task<RequestCounts> WaitForRequestCountsAsync(string tag, Func<RequestCounts, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        var last = new RequestCounts(0, 0);
        try
        {
            while (true)
            {
                last = await RequestCountsAsync(tag, deadline.Token).ConfigureAwait(false);
                if (condition(last))
                {
                    return last;
                }

                // A poll interval, not a synchronisation point: the loop ends on the condition or the deadline.
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The backend's counts for '{tag}' never met the condition; last: {last}.\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync(_process).ConfigureAwait(false);
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(ExitTimeout);
        _process.Dispose();
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().WaitAsync(ExitTimeout).ConfigureAwait(false);
        process.Dispose();
    }
}
