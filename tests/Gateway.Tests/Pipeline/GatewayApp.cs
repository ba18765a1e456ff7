using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Gateway.Tests.Pipeline;

/// <summary>
/// The gateway in process (<see cref="WebApplicationFactory{TEntryPoint}"/> over <c>Program</c>) serving a
/// definitions file written to a temporary directory, with its log records captured.
/// </summary>
internal sealed class GatewayApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private GatewayApp(string directory, IReadOnlyDictionary<string, string?> settings)
    {
        Directory = directory;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Gateway:Definitions:0", Path.Combine(directory, "apis.json"));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs)));
        });
    }

    public string Directory { get; }

    public ConcurrentQueue<(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)> Logs { get; } = new();

    public IServiceProvider Services => _factory.Services;

    public static GatewayApp Start(string definitionJson, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "apis.json"), definitionJson);
        var app = new GatewayApp(directory, settings ?? new Dictionary<string, string?>());
        _ = app._factory.Server;
        return app;
    }

    public HttpClient CreateClient(string host = "localhost") =>
        _factory.CreateDefaultClient(new Uri($"http://{host}"));

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<(string, LogLevel, string, IReadOnlyList<KeyValuePair<string, object?>>)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<(string, LogLevel, string, IReadOnlyList<KeyValuePair<string, object?>>)> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            logs.Enqueue((category, logLevel, formatter(state, exception), fields));
        }
    }
}
