namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>One <see cref="BackendProcess"/> per test class (<c>IClassFixture&lt;BackendFixture&gt;</c>), stopped when the class is done.</summary>
public sealed class BackendFixture : IAsyncLifetime
{
    private BackendProcess? _backend;

    public BackendProcess Backend => _backend ?? throw new InvalidOperationException("The backend is not started.");

    public async Task InitializeAsync() => _backend = await BackendProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }
}
