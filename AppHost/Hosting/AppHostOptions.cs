using System.Globalization;

namespace Platform.AppHost.Hosting;

/// <summary>The AppHost's command line. Every fixed port can be overridden so whole stacks run side by side.</summary>
internal sealed record AppHostOptions
{
    public const string Usage = """
        Usage: dotnet run --project AppHost [-- options]

          --gateway-port <port>     Public gateway port (default 8080).
          --dashboard-port <port>   Resource API / dashboard port (default 18888).
          --redis <connection>      Use an existing Redis (StackExchange.Redis connection string) instead of starting one.
          --embedded                Run without Redis even when redis-server is installed (in-memory state per process).
          --apis <path>             API definition file or directory the gateway serves and hot-reloads
                                    (default <repository>/AppHost/apis, the sample).
          --state-dir <dir>         Where Redis data and process records live (default <repository>/.platform).
          --otlp-endpoint <url>     Export every process's traces, metrics and logs to this OTLP/HTTP collector
                                    (default: OTEL_EXPORTER_OTLP_ENDPOINT of the AppHost's environment, else off).
          --stop-timeout <seconds>  Grace period for a child to stop on SIGTERM before it is killed (default 10).
          --help                    Show this text.
        """;

    public int GatewayPort { get; init; } = 8080;

    public int DashboardPort { get; init; } = 18888;

    public string? RedisConnectionString { get; init; }

    public bool Embedded { get; init; }

    public required string StateDirectory { get; init; }

    /// <summary>The API definitions the gateway loads (a file or a directory); null means the sample's.</summary>
    public string? ApisPath { get; init; }

    public Uri? OtlpEndpoint { get; init; }

    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool ShowHelp { get; init; }

    /// <summary>Parses <paramref name="args"/>; every problem is reported at once.</summary>
    public static AppHostOptions Parse(IReadOnlyList<string> args, string defaultStateDirectory, string? otlpEndpointFromEnvironment, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var options = new AppHostOptions { StateDirectory = defaultStateDirectory };
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(otlpEndpointFromEnvironment))
        {
            otlp = ParseUri("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpointFromEnvironment, problems);
        }

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? Value()
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[++i];
                }

                problems.Add($"{name} needs a value.");
                return null;
            }

            switch (name)
            {
                case "--gateway-port":
                    options = options with { GatewayPort = ParsePort(name, Value(), problems) ?? options.GatewayPort };
                    break;
                case "--dashboard-port":
                    options = options with { DashboardPort = ParsePort(name, Value(), problems) ?? options.DashboardPort };
                    break;
                case "--redis":
                    options = options with { RedisConnectionString = Value() };
                    break;
                case "--embedded":
                    options = options with { Embedded = true };
                    break;
                case "--state-dir":
                    var directory = Value();
                    options = directory is null ? options : options with { StateDirectory = Path.GetFullPath(directory) };
                    break;
                case "--apis":
                    var apis = Value();
                    options = apis is null ? options : options with { ApisPath = Path.GetFullPath(apis) };
                    break;
                case "--otlp-endpoint":
                    var endpoint = Value();
                    otlp = endpoint is null ? otlp : ParseUri(name, endpoint, problems);
                    break;
                case "--stop-timeout":
                    var seconds = Value();
                    if (seconds is not null)
                    {
                        if (double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 300)
                        {
                            options = options with { StopTimeout = TimeSpan.FromSeconds(value) };
                        }
                        else
                        {
                            problems.Add($"{name} must be a number of seconds between 0 and 300; got '{seconds}'.");
                        }
                    }

                    break;
                case "--help" or "-h":
                    options = options with { ShowHelp = true };
                    break;
                default:
                    problems.Add($"Unknown option '{name}'.");
                    break;
            }
        }

        if (options.Embedded && options.RedisConnectionString is not null)
        {
            problems.Add("--embedded and --redis exclude each other.");
        }

        if (options.GatewayPort == options.DashboardPort)
        {
            problems.Add($"The gateway and the dashboard cannot share port {options.GatewayPort}.");
        }

        errors = problems;
        return options with { OtlpEndpoint = otlp };
    }

    private static int? ParsePort(string name, string? value, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
        {
            return port;
        }

        problems.Add($"{name} must be a port number between 1 and 65535; got '{value}'.");
        return null;
    }

    private static Uri? ParseUri(string name, string value, List<string> problems)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        problems.Add($"{name} must be an absolute http(s) URL; got '{value}'.");
        return null;
    }
}
