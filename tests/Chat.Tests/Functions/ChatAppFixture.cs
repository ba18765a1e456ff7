using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Chat.Tests.Functions;

/// <summary>
/// The Chat app in process (<see cref="WebApplicationFactory{TEntryPoint}"/>) with a hand-moved clock, the test
/// credentials, <c>connectionhub</c> discovered at a <see cref="ConnectionsRecorder"/>, and either a Redis connection
/// string or none (embedded mode). One per test class.
/// </summary>
public abstract class ChatAppFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private HttpClient? _client;
    private ConnectionsRecorder? _recorder;

    public ManualTimeProvider Clock { get; } = new();

    public IServiceProvider Services => Factory.Services;

    public HttpClient Client => _client ?? throw new InvalidOperationException("The app is not started.");

    public ConnectionsRecorder Recorder => _recorder ?? throw new InvalidOperationException("The recorder is not started.");

    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The app is not started.");

    public async Task InitializeAsync()
    {
        var redisConnectionString = await StartRedisAsync().WaitAsync(TestTimeouts.Default);
        _recorder = await ConnectionsRecorder.StartAsync().WaitAsync(TestTimeouts.Default);
        var settings = ConnectionsRecorder.CredentialSettings;
        settings["ConnectionStrings:redis"] = redisConnectionString ?? string.Empty;
        // The default Chat:ConnectionsEndpoint, http://connectionhub/chat/prod, resolved as AppHost would resolve it.
        settings["services:connectionhub:http:0"] = _recorder.BaseAddress.ToString();

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Added last, so it wins over appsettings and anything in the environment.
            web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        _client = _factory.CreateClient();
    }

    public virtual async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        }

        if (_recorder is not null)
        {
            await _recorder.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        }
    }

    /// <summary>The Redis connection string the app gets, or null for embedded mode.</summary>
    protected abstract Task<string?> StartRedisAsync();
}
