namespace Platform.ConnectionHub.Tests.Infrastructure;

/// <summary>
/// A test with its own hub in embedded mode (the test APIs) and function host, started before it and stopped after
/// it, and an HttpClient that signs <c>@connections</c> calls with the dev credentials.
/// </summary>
public abstract class HubTest : IAsyncLifetime, IDisposable
{
    protected FunctionsBackend Functions { get; private set; } = null!;

    protected HubServer Hub { get; private set; } = null!;

    protected HttpClient SigningClient { get; } = HubServer.SignedClient();

    public async Task InitializeAsync()
    {
        Functions = await FunctionsBackend.StartAsync();
        Hub = new HubServer(Functions.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        await Functions.DisposeAsync();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            SigningClient.Dispose();
            Hub?.Dispose();
        }
    }
}
