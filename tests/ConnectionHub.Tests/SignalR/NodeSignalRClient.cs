using Platform.Testing;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Platform.ConnectionHub.Tests.SignalR;

/// <summary>
/// The npm <c>@microsoft/signalr</c> client (<c>SignalR/node/client.mjs</c>) as a real <c>node</c> process: its stdout
/// JSON lines one at a time, its exit code; the process tree is killed on dispose. The first start of a test run
/// installs the pinned package with <c>npm ci</c> when it is missing or stale; a missing <c>node</c> or <c>npm</c> fails.
/// </summary>
public sealed class NodeSignalRClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = Infrastructure.Socket.Timeout;
    private static readonly Lazy<string> SourceFolder = new(FindFolder);
    private static readonly Lazy<Task> Install = new(() => NodePackages.EnsureInstalledAsync(Folder, "the SignalR tests (npm @microsoft/signalr)"), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private NodeSignalRClient(Process process) => _process = process;

    /// <summary>The folder holding <c>package.json</c>, <c>package-lock.json</c> and <c>client.mjs</c>.</summary>
    public static string Folder => SourceFolder.Value;

    /// <summary>What the process wrote to stderr so far (the client's warnings and errors).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>node client.mjs {hub} {messages}</c> (installing its node modules first when needed); <paramref name="hub"/>
    /// is the endpoint's http:// URL, which the client turns into ws:// itself.
    /// </summary>
    public static async Task<NodeSignalRClient> StartAsync(Uri hub, int messages)
    {
        ArgumentNullException.ThrowIfNull(hub);
        await Install.Value.WaitAsync(TimeSpan.FromMinutes(6));
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("client.mjs");
        start.ArgumentList.Add(hub.ToString());
        start.ArgumentList.Add(messages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var client = new NodeSignalRClient(NodePackages.Start(start, "node", "the SignalR tests (npm @microsoft/signalr)"));
        client._process.ErrorDataReceived += (_, e) =>
        {
            lock (client._errors)
            {
                client._errors.AppendLine(e.Data);
            }
        };
        client._process.BeginErrorReadLine();
        return client;
    }

    /// <summary>The next JSON line the client printed; fails with its stderr when it exits first.</summary>
    public async Task<JsonElement> ReadLineAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"node client.mjs printed nothing within {Timeout.TotalSeconds:0} s. Its stderr: {Errors}");
        }

        if (line is null)
        {
            await _process.WaitForExitAsync().WaitAsync(Timeout);
            throw new InvalidOperationException($"node client.mjs exited ({_process.ExitCode}) before printing the next line. Its stderr: {Errors}");
        }

        return JsonSerializer.Deserialize<JsonElement>(line);
    }

    /// <summary>The next line, which must be a <c>message</c> invocation: returns its text.</summary>
    public async Task<string> ReadMessageAsync()
    {
        var line = await ReadLineAsync();
        Assert.True(line.TryGetProperty("message", out var message), $"Expected a message line from node, got {line}. Its stderr: {Errors}");
        return message.GetString()!;
    }

    /// <summary>Closes the client's stdin, which tells it to stop the connection and exit 0.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(Timeout);
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>The source folder, found upward from the test binaries (tests run from the project's bin folder).</summary>
    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "SignalR", "node");
            if (File.Exists(Path.Combine(directory.FullName, "ConnectionHub.Tests.csproj")) && File.Exists(Path.Combine(candidate, "client.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No SignalR/node/client.mjs next to ConnectionHub.Tests.csproj above {AppContext.BaseDirectory}.");
    }
}
