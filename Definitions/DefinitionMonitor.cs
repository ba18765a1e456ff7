using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Platform.Definitions.Loading;

namespace Platform.Definitions;

/// <summary>
/// Loads the API definitions before the server starts and keeps them current. At startup an invalid
/// definition stops the host with a <see cref="GatewayDefinitionException"/> listing every error. Afterwards
/// it watches the configured files and directories and the <c>Gateway:Definitions</c> configuration; after a
/// quiet period it reloads, and a valid definition is handed to the process's <see cref="IDefinitionTarget"/>, which swaps it in atomically,
/// while an invalid one is logged and the last good version stays live.
/// </summary>
public sealed partial class DefinitionMonitor : IHostedLifecycleService, IDisposable
{
    /// <summary>The configuration key of the definition paths (a list, or a single string).</summary>
    public const string ConfigurationKey = DefinitionPaths.ConfigurationKey;

    private readonly IDefinitionTarget _target;
    private readonly IConfiguration _configuration;
    private readonly string _contentRoot;
    private readonly TimeSpan _quietPeriod;
    private readonly DefinitionMetrics _metrics;
    private readonly ILogger<DefinitionMonitor> _logger;
    private readonly DefinitionChangeDebouncer _debouncer;

    // Reloads, path changes and shutdown are serialised: a reload never runs twice at once or after stop.
    private readonly Lock _lock = new();
    private IReadOnlyList<string> _paths = [];
    private DefinitionWatcher? _watcher;
    private IDisposable? _configurationSubscription;
    private bool _stopped;

    public DefinitionMonitor(
        IDefinitionTarget target,
        IConfiguration configuration,
        IHostEnvironment environment,
        TimeProvider timeProvider,
        IMeterFactory meterFactory,
        IOptions<DefinitionMonitorOptions> options,
        ILogger<DefinitionMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _contentRoot = environment.ContentRootPath;
        _quietPeriod = options.Value.QuietPeriod;
        _metrics = new DefinitionMetrics(meterFactory);
        _debouncer = new DefinitionChangeDebouncer(timeProvider, _quietPeriod, OnQuiet);
    }

    /// <summary>
    /// Raised after every load (startup included), success or failure, on the thread that loaded. Handlers
    /// must be quick and must not throw; tests use it to await a reload instead of sleeping.
    /// </summary>
    public event Action<DefinitionReloadResult>? Reloaded;

    /// <summary>Loads the definitions before any hosted service starts, so the server never serves without them.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _paths = DefinitionPaths.Read(_configuration, _contentRoot);

            // Watch before loading: a change made while loading is then reloaded, not lost.
            _watcher = Watch(_paths);
            var result = LoadAndApply();
            if (!result.Succeeded)
            {
                Log.StartupFailed(_logger, result.Errors.Count);
                StopWatching();
                return Task.FromException(new GatewayDefinitionException(result.Errors));
            }

            _configurationSubscription = ChangeToken.OnChange(_configuration.GetReloadToken, OnConfigurationChanged);
            return Task.CompletedTask;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        StopWatching();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => StopWatching();

    private void StopWatching()
    {
        lock (_lock)
        {
            _stopped = true;
            _configurationSubscription?.Dispose();
            _configurationSubscription = null;
            _watcher?.Dispose();
            _watcher = null;
            _debouncer.Dispose();
        }
    }

    private DefinitionWatcher Watch(IReadOnlyList<string> paths) => new(
        paths,
        changed: path =>
        {
            Log.ChangeDetected(_logger, path, _quietPeriod);
            _debouncer.Signal();
        },
        failed: (directory, exception) =>
        {
            Log.WatchFailed(_logger, exception, directory);
            _debouncer.Signal();
        },
        unavailable: (directory, reason) => Log.WatchUnavailable(_logger, directory, reason));

    private void OnConfigurationChanged()
    {
        lock (_lock)
        {
            var paths = DefinitionPaths.Read(_configuration, _contentRoot);
            if (_stopped || paths.SequenceEqual(_paths, StringComparer.Ordinal))
            {
                return;
            }

            Log.PathsChanged(_logger, ConfigurationKey, string.Join(", ", paths));
            _paths = paths;
            _watcher?.Dispose();
            _watcher = Watch(paths);
            _debouncer.Signal();
        }
    }

    private void OnQuiet()
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            try
            {
                LoadAndApply();
            }
            catch (Exception e)
            {
                // An exception escaping a timer callback would crash the process; the live version must keep serving.
                Log.ReloadCrashed(_logger, e, _target.Version);
            }
        }
    }

    private DefinitionReloadResult LoadAndApply()
    {
        var load = DefinitionLoader.Load(_paths);
        DefinitionReloadResult result;
        if (load.Succeeded)
        {
            var version = _target.Apply(load.Definition);
            if (_paths.Count == 0)
            {
                Log.NoDefinitions(_logger, ConfigurationKey);
            }
            else
            {
                Log.Loaded(_logger, version, load.Definition.Apis.Count, load.Definition.Apis.Values.Sum(static a => a.Routes.Count), load.Files.Count);
            }

            result = new DefinitionReloadResult(true, version, []);
        }
        else
        {
            foreach (var error in load.Errors)
            {
                Log.DefinitionError(_logger, error.File, error.Key, error.Message);
            }

            var live = _target.Version;
            if (live > 0)
            {
                Log.ReloadFailed(_logger, load.Errors.Count, live);
            }

            result = new DefinitionReloadResult(false, live, load.Errors);
        }

        _metrics.Reloaded(result.Succeeded);
        Reloaded?.Invoke(result);
        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "No API definitions are configured ({ConfigurationKey} is empty); no APIs are served.")]
        public static partial void NoDefinitions(ILogger logger, string configurationKey);

        [LoggerMessage(2, LogLevel.Information, "Loaded API definitions version {Version}: {ApiCount} APIs, {RouteCount} routes from {FileCount} files.")]
        public static partial void Loaded(ILogger logger, long version, int apiCount, int routeCount, int fileCount);

        [LoggerMessage(3, LogLevel.Error, "API definition error in {File} at {Key}: {Message}")]
        public static partial void DefinitionError(ILogger logger, string file, string key, string message);

        [LoggerMessage(4, LogLevel.Critical, "The API definitions have {ErrorCount} error(s); the process does not start.")]
        public static partial void StartupFailed(ILogger logger, int errorCount);

        [LoggerMessage(5, LogLevel.Warning, "Reloading the API definitions found {ErrorCount} error(s); version {Version} stays live.")]
        public static partial void ReloadFailed(ILogger logger, int errorCount, long version);

        [LoggerMessage(6, LogLevel.Debug, "API definitions changed ({Path}); reloading after {QuietPeriod} without further changes.")]
        public static partial void ChangeDetected(ILogger logger, string path, TimeSpan quietPeriod);

        [LoggerMessage(7, LogLevel.Information, "The API definition paths in {ConfigurationKey} changed to [{Paths}]; reloading.")]
        public static partial void PathsChanged(ILogger logger, string configurationKey, string paths);

        [LoggerMessage(8, LogLevel.Warning, "Watching {Directory} for API definition changes lost events; reloading to catch up.")]
        public static partial void WatchFailed(ILogger logger, Exception exception, string directory);

        [LoggerMessage(9, LogLevel.Warning, "Cannot watch {Directory} for API definition changes ({Reason}); changes there are not reloaded.")]
        public static partial void WatchUnavailable(ILogger logger, string directory, string reason);

        [LoggerMessage(10, LogLevel.Error, "Reloading the API definitions failed unexpectedly; version {Version} stays live.")]
        public static partial void ReloadCrashed(ILogger logger, Exception exception, long version);
    }
}
