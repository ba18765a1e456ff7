using Platform.Testing;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// ajv 8 (with ajv-formats and ajv-draft-04, pinned in <c>Validation/node/package-lock.json</c>) as a real <c>node</c>
/// process: one batch of schemas and instances on stdin, every verdict on stdout (<c>Validation/node/oracle.mjs</c>).
/// The first run installs the pinned packages with <c>npm ci</c> when they are missing or stale; a missing
/// <c>node</c> or <c>npm</c> fails the test — it never skips.
/// </summary>
internal static class AjvOracle
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> SourceFolder = new(FindFolder);
    private static readonly Lazy<Task> Install = new(() => NodePackages.EnsureInstalledAsync(Folder, "the schema differential test (ajv)"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding <c>package.json</c>, <c>package-lock.json</c> and <c>oracle.mjs</c>.</summary>
    public static string Folder => SourceFolder.Value;

    /// <summary>
    /// Runs <paramref name="batch"/> (<c>{"schemas": [{"schema", "instances"}]}</c>) through ajv; the parsed
    /// <c>{"results": [...]}</c> document, one result per schema in order.
    /// </summary>
    public static async Task<JsonDocument> RunAsync(string batch)
    {
        await Install.Value.WaitAsync(TimeSpan.FromMinutes(6));
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        start.ArgumentList.Add("oracle.mjs");
        using var node = NodePackages.Start(start, "node", "the schema differential test (ajv)");
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync(batch).WaitAsync(RunTimeout);
        node.StandardInput.Close();
        try
        {
            await node.WaitForExitAsync().WaitAsync(RunTimeout);
        }
        catch (TimeoutException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"node oracle.mjs did not finish within {RunTimeout.TotalMinutes:0} min. Its stderr: {await error.WaitAsync(RunTimeout)}");
        }

        var text = await output.WaitAsync(RunTimeout);
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"node oracle.mjs failed ({node.ExitCode}): {await error.WaitAsync(RunTimeout)}");
        }

        return JsonDocument.Parse(text);
    }

    /// <summary>The source folder, found upward from the test binaries (tests run from the project's bin folder).</summary>
    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Validation", "node");
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.Tests.csproj")) && File.Exists(Path.Combine(candidate, "oracle.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No Validation/node/oracle.mjs next to Gateway.Tests.csproj above {AppContext.BaseDirectory}.");
    }
}
