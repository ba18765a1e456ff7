using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Redis;

/// <summary>
/// The process's Redis connection, from <c>ConnectionStrings:redis</c>; or, when that is not set, the
/// embedded mode in which every Redis-backed component uses its in-memory implementation. Components ask
/// <see cref="IsEmbedded"/> once when they are composed.
/// </summary>
public sealed partial class PlatformRedis : IDisposable
{
    public const string ConnectionStringName = "redis";

    private readonly Lazy<ConnectionMultiplexer>? _connection;

    public PlatformRedis(IConfiguration configuration, ILogger<PlatformRedis> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);

        ConnectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            ConnectionString = null;
            Log.EmbeddedMode(logger);
            return;
        }

        var options = ParseOptions(ConnectionString);
        // Start even while Redis is briefly away (restarts, rolling updates); the health check reports it.
        options.AbortOnConnectFail = false;
        _connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        Log.RedisMode(logger, string.Join(",", options.EndPoints));
    }

    /// <summary>True when no Redis is configured: state lives in this process only.</summary>
    public bool IsEmbedded => _connection is null;

    /// <summary>The configured connection string, or null in embedded mode.</summary>
    public string? ConnectionString { get; }

    /// <summary>The shared multiplexer (connected on first use). Throws in embedded mode.</summary>
    public ConnectionMultiplexer Connection => _connection?.Value
        ?? throw new InvalidOperationException(
            "Redis is not configured (embedded mode): check PlatformRedis.IsEmbedded and use the in-memory implementation.");

    public IDatabase GetDatabase() => Connection.GetDatabase();

    public void Dispose()
    {
        if (_connection is { IsValueCreated: true })
        {
            _connection.Value.Dispose();
        }
    }

    internal static ConfigurationOptions ParseOptions(string connectionString)
    {
        try
        {
            return ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not a valid Redis connection string: {ex.Message}", ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Embedded mode: ConnectionStrings:redis is not set, so state is kept in this process's memory: it is lost on restart and not shared with other replicas.")]
        public static partial void EmbeddedMode(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Redis mode: shared state in Redis at {Endpoints}.")]
        public static partial void RedisMode(ILogger logger, string endpoints);
    }
}
