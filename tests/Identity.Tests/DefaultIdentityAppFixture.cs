namespace Platform.Identity.Tests;

/// <summary>One app with the default configuration (the development client, the system clock), shared by a test class.</summary>
public sealed class DefaultIdentityAppFixture : IAsyncLifetime
{
    private IdentityApp? _app;

    public HttpClient Client => _app!.Client;

    public Task InitializeAsync()
    {
        _app = IdentityApp.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
