using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Redis;
using Platform.Testing;

namespace Platform.ServiceDefaults.Tests.Redis;

public sealed class PlatformRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static async Task<(WebApplication App, RecordingLoggerProvider Logs)> StartAppAsync(string? connectionString)
    {
        var logs = new RecordingLoggerProvider();
        var builder = TestHost.CreateBuilder(connectionString is null
            ? null
            : new Dictionary<string, string?> { ["ConnectionStrings:redis"] = connectionString });
        builder.Logging.AddProvider(logs);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await TestHost.StartAsync(app);
        return (app, logs);
    }

    [Fact]
    public async Task AddServiceDefaults_NoConnectionString_EmbeddedModeLoggedOnce()
    {
        var (app, logs) = await StartAppAsync(connectionString: null);
        await using var _ = app;
        var platformRedis = app.Services.GetRequiredService<PlatformRedis>();

        Assert.True(platformRedis.IsEmbedded);
        Assert.Throws<InvalidOperationException>(() => platformRedis.Connection);
        Assert.Single(logs.Messages, m => m.StartsWith("Embedded mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddServiceDefaults_ConnectionString_SharesOneConnectionToRedis()
    {
        var (app, logs) = await StartAppAsync(redis.ConnectionString);
        await using var _ = app;
        var platformRedis = app.Services.GetRequiredService<PlatformRedis>();
        var key = "test:" + Guid.NewGuid().ToString("N");

        await platformRedis.GetDatabase().StringSetAsync(key, "value").WaitAsync(TestHost.Timeout);
        var value = await platformRedis.GetDatabase().StringGetAsync(key).WaitAsync(TestHost.Timeout);

        Assert.False(platformRedis.IsEmbedded);
        Assert.Equal("value", (string?)value);
        Assert.DoesNotContain(logs.Messages, m => m.StartsWith("Embedded mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_RedisReachable_Healthy()
    {
        var (app, _) = await StartAppAsync(redis.ConnectionString);
        await using var __ = app;
        using var client = new HttpClient { BaseAddress = app.Address() };

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative)).WaitAsync(TestHost.Timeout);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Health_RedisUnreachable_NotReadyButAlive()
    {
        var (app, _) = await StartAppAsync($"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=500");
        await using var __ = app;
        using var client = new HttpClient { BaseAddress = app.Address() };

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative)).WaitAsync(TestHost.Timeout);
        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative)).WaitAsync(TestHost.Timeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Health_Probes_AnswerPlainHealthyText()
    {
        var (app, _) = await StartAppAsync(connectionString: null);
        await using var __ = app;
        using var client = new HttpClient { BaseAddress = app.Address() };

        var health = await client.GetStringAsync(new Uri("/health", UriKind.Relative)).WaitAsync(TestHost.Timeout);
        var alive = await client.GetStringAsync(new Uri("/alive", UriKind.Relative)).WaitAsync(TestHost.Timeout);

        Assert.Equal("Healthy", health);
        Assert.Equal("Healthy", alive);
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
