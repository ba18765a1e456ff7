using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Samples.Tests;

/// <summary>
/// The Samples app in process (<see cref="WebApplicationFactory{TEntryPoint}"/>) with the configuration and the
/// clock a test chooses. One per test: tests of <c>slow</c> each need their own delay and clock.
/// </summary>
internal sealed class SamplesApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private SamplesApp(WebApplicationFactory<Program> factory, HttpClient client)
    {
        _factory = factory;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the app; <paramref name="settings"/> win over appsettings.json, <paramref name="clock"/> replaces the system clock.</summary>
    public static SamplesApp Start(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var factory = Configure(settings, clock);
        try
        {
            return new SamplesApp(factory, factory.CreateClient());
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>The app, not yet started (it starts on the first use of its client or services).</summary>
    public static WebApplicationFactory<Program> Configure(IReadOnlyDictionary<string, string?>? settings, TimeProvider? clock = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            if (settings is not null)
            {
                web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            }

            if (clock is not null)
            {
                web.ConfigureTestServices(services => services.AddSingleton(clock));
            }
        });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }
}
