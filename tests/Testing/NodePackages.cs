using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>
/// A node project of the tests (a folder with package.json and package-lock.json): <see cref="EnsureInstalledAsync"/>
/// runs <c>npm ci</c> when node_modules is missing or holds other versions than the pinned ones; a missing node or
/// npm fails with how to install them, never skips.
/// </summary>
public static class NodePackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Installs the folder's pinned dependencies unless they already are. <paramref name="purpose"/> says in errors what needs node.</summary>
    public static async Task EnsureInstalledAsync(string folder, string purpose)
    {
        if (IsInstalled(folder))
        {
            return;
        }

        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Start(start, "npm", purpose);
        var output = npm.StandardOutput.ReadToEndAsync();
        var error = npm.StandardError.ReadToEndAsync();
        try
        {
            await npm.WaitForExitAsync().WaitAsync(InstallTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci in {folder} did not finish within {InstallTimeout.TotalMinutes:0} min.");
        }

        if (npm.ExitCode != 0 || !IsInstalled(folder))
        {
            throw new InvalidOperationException(
                $"npm ci in {folder} failed ({npm.ExitCode}):{Environment.NewLine}{await output.WaitAsync(InstallTimeout).ConfigureAwait(false)}{await error.WaitAsync(InstallTimeout).ConfigureAwait(false)}");
        }
    }

    /// <summary>Starts a node tool (node, npm), or fails saying what needs it and how to install it.</summary>
    public static Process Start(ProcessStartInfo start, string tool, string purpose)
    {
        ArgumentNullException.ThrowIfNull(start);
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is not on PATH: {purpose} needs Node.js 18+ with npm (apt-get install nodejs npm).", e);
        }
    }

    /// <summary>True when node_modules holds a complete install (npm's hidden lockfile) of every pinned dependency version.</summary>
    public static bool IsInstalled(string folder)
    {
        if (!File.Exists(Path.Combine(folder, "node_modules", ".package-lock.json")))
        {
            return false;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        foreach (var dependency in manifest.RootElement.GetProperty("dependencies").EnumerateObject())
        {
            var installed = Path.Combine(folder, "node_modules", dependency.Name, "package.json");
            if (!File.Exists(installed))
            {
                return false;
            }

            using var package = JsonDocument.Parse(File.ReadAllText(installed));
            if (dependency.Value.GetString() != package.RootElement.GetProperty("version").GetString())
            {
                return false;
            }
        }

        return true;
    }
}
