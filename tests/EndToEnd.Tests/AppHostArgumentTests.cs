using System.Net;
using System.Net.Sockets;

namespace Platform.EndToEnd.Tests;

public sealed class AppHostArgumentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        using var process = AppHostProcess.StartRaw(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Timeout);
        return (process.ExitCode, await output.WaitAsync(Timeout) + await error.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Run_UnknownOptionAndBadPort_ExitCode2ListingBoth()
    {
        var (exitCode, output) = await RunAsync("--frobnicate", "--gateway-port", "99999");

        Assert.Equal(2, exitCode);
        Assert.Contains("error: Unknown option '--frobnicate'.", output, StringComparison.Ordinal);
        Assert.Contains("error: --gateway-port must be a port number between 1 and 65535; got '99999'.", output, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project AppHost", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_ExitCode0WithUsage()
    {
        var (exitCode, output) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--gateway-port <port>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GatewayPortInUse_ExitCode1NamingThePort()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var state = Path.Combine(Path.GetTempPath(), "platform-e2e-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, output) = await RunAsync(
                "--gateway-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--dashboard-port", Platform.Testing.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--state-dir", state, "--embedded");

            Assert.Equal(1, exitCode);
            Assert.Contains($"gateway cannot listen on 127.0.0.1:{port}: the port is in use", output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(state))
            {
                Directory.Delete(state, recursive: true);
            }
        }
    }
}
