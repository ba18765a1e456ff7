namespace Platform.Samples.Tests.Functions;

/// <summary>The Samples app with its own configuration and the system clock, shared by the tests of a class.</summary>
public sealed class DefaultSamplesAppFixture : IAsyncLifetime
{
    private SamplesApp? _app;

    public HttpClient Client => (_app ?? throw new InvalidOperationException("The app is not started.")).Client;

    public Task InitializeAsync()
    {
        _app = SamplesApp.Start();
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
