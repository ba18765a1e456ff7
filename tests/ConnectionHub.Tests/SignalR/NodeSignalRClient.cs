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
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<string> SourceFolder = new(FindFolder);
    private static readonly Lazy<Task> Install = new(InstallAsync, LazyThreadSafetyMode.ExecutionAndPublication);

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
        await Install.Value.WaitAsync(InstallTimeout);
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
        var client = new NodeSignalRClient(StartOrFail(start, "node"));
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

    private static async Task InstallAsync()
    {
        if (IsInstalled())
        {
            return;
        }

        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = StartOrFail(start, "npm");
        var output = npm.StandardOutput.ReadToEndAsync();
        var error = npm.StandardError.ReadToEndAsync();
        try
        {
            await npm.WaitForExitAsync().WaitAsync(InstallTimeout);
        }
        catch (TimeoutException)
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci in {Folder} did not finish within {InstallTimeout.TotalMinutes:0} min.");
        }

        if (npm.ExitCode != 0 || !IsInstalled())
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed ({npm.ExitCode}):{Environment.NewLine}{await output}{await error}");
        }
    }

    /// <summary>True when node_modules holds a complete install (npm's hidden lockfile) of the pinned client version.</summary>
    private static bool IsInstalled()
    {
        var installed = Path.Combine(Folder, "node_modules", "@microsoft", "signalr", "package.json");
        if (!File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json")) || !File.Exists(installed))
        {
            return false;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "package.json")));
        using var package = JsonDocument.Parse(File.ReadAllText(installed));
        var pinned = manifest.RootElement.GetProperty("dependencies").GetProperty("@microsoft/signalr").GetString();
        return pinned == package.RootElement.GetProperty("version").GetString();
    }

    private static Process StartOrFail(ProcessStartInfo start, string tool)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{tool}' is not on PATH: the SignalR tests drive the npm @microsoft/signalr client and need Node.js 18+ with npm (apt-get install nodejs npm).", e);
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
