namespace Platform.EndToEnd.Tests;

/// <summary>
/// One AppHost with Redis, shared by the sample-route tests of a class: started once, all resources healthy
/// before the first test, stopped (and every child gone) after the last.
/// </summary>
public sealed class SampleStackFixture : IAsyncLifetime
{
    /// <summary>redis, samples, identity, users ×2, orders, authorizer, chat, connectionhub ×2, gateway.</summary>
    public const int ResourceCount = 11;

    private AppHostProcess? _host;

    public AppHostProcess Host => _host ?? throw new InvalidOperationException("The AppHost is not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = AppHostProcess.Start();
        await _host.WaitForAllHealthyAsync(ResourceCount);
        Gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_host.GatewayPort}"), Timeout = AppHostProcess.StartTimeout };
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
