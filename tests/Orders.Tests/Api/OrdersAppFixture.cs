using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Orders.Tests.Api;

/// <summary>
/// The Orders app in process (<see cref="WebApplicationFactory{TEntryPoint}"/>), with a stepping clock and
/// either a Redis connection string or none (embedded mode). One per test class.
/// </summary>
public abstract class OrdersAppFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private HttpClient? _client;

    public SteppingTimeProvider Clock { get; } = new();

    public IServiceProvider Services => Factory.Services;

    public HttpClient Client => _client ?? throw new InvalidOperationException("The app is not started.");

    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The app is not started.");

    public async Task InitializeAsync()
    {
        var redisConnectionString = await StartRedisAsync().WaitAsync(TestTimeouts.Default);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Added last, so it wins over appsettings and any ConnectionStrings__redis in the environment.
            web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(
                new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redisConnectionString ?? string.Empty }));
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
    }

    /// <summary>The Redis connection string the app gets, or null for embedded mode.</summary>
    protected abstract Task<string?> StartRedisAsync();
}
