using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Authorizer.Tests;

/// <summary>
/// Services/Identity as a real process on a free loopback port, issuing tokens with <c>iss</c>
/// <see cref="Issuer"/> (<c>http://identity</c>, the service name the authorizer resolves through discovery).
/// Readiness is the host's own "Now listening on" line, awaited with a timeout; disposal kills the process and
/// waits for it to exit.
/// </summary>
public sealed class IdentityProcess : IAsyncDisposable
{
    public const string Issuer = "http://identity";
    public const string DevClientId = "platform-dev";
    public const string DevClientSecret = "platform-dev-secret";

    private const string ListeningLine = "Now listening on: ";
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private IdentityProcess(Process process, Uri address, ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>Where the process listens: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Output => string.Join('\n', _output);

    public static string AssemblyPath => typeof(IdentityProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "IdentityAssembly").Value!;

    public static async Task<IdentityProcess> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
        };
        start.ArgumentList.Add(AssemblyPath);
        start.Environment["ASPNETCORE_URLS"] = address.GetLeftPart(UriPartial.Authority);
        start.Environment["Identity__Issuer"] = Issuer;
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            output.Enqueue(line);
            if (line.Contains(ListeningLine, StringComparison.Ordinal))
            {
                ready.TrySetResult();
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
            "Identity exited during start:\n" + string.Join('\n', output)));

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TestTimeouts.Default).ConfigureAwait(false);
            return new IdentityProcess(process, address, output);
        }
        catch (Exception ex)
        {
            await StopAsync(process).ConfigureAwait(false);
            throw new InvalidOperationException($"Identity did not start ({AssemblyPath}):\n" + string.Join('\n', output), ex);
        }
    }

    /// <summary>An access token for the development client (all its scopes, or <paramref name="scope"/>).</summary>
    public async Task<string> GetTokenAsync(string? scope = null)
    {
        var body = "grant_type=client_credentials" + (scope is null ? "" : "&scope=" + WebUtility.UrlEncode(scope));
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DevClientId}:{DevClientSecret}")));
        using var response = await Client.SendAsync(request).WaitAsync(TestTimeouts.Default).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default).ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"Identity answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["access_token"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync(_process).ConfigureAwait(false);
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
