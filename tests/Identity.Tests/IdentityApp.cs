using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Identity.Tests;

/// <summary>
/// The Identity app in process (<see cref="WebApplicationFactory{TEntryPoint}"/>) with the configuration, clock and
/// log capture a test chooses. One per test that needs its own settings or clock; the rest share
/// <see cref="DefaultIdentityAppFixture"/>.
/// </summary>
internal sealed class IdentityApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private IdentityApp(WebApplicationFactory<Program> factory, HttpClient client, CapturingLoggerProvider logs)
    {
        _factory = factory;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the app; <paramref name="settings"/> win over appsettings.json, <paramref name="clock"/> replaces the system clock.</summary>
    public static IdentityApp Start(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var logs = new CapturingLoggerProvider();
        var factory = Configure(settings, clock, logs);
        try
        {
            return new IdentityApp(factory, factory.CreateClient(), logs);
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>The app, not yet started (it starts on the first use of its client or services).</summary>
    public static WebApplicationFactory<Program> Configure(
        IReadOnlyDictionary<string, string?>? settings, TimeProvider? clock = null, CapturingLoggerProvider? logs = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            if (settings is not null)
            {
                web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            }

            web.ConfigureTestServices(services =>
            {
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }

                if (logs is not null)
                {
                    services.AddSingleton<ILoggerProvider>(logs);
                }
            });
        });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }
}
