using System.Globalization;
using System.Net;

namespace Platform.HubLoad;

/// <summary>The command line: a command, then <c>--name value</c> pairs, each read once by the command that uses it.</summary>
internal sealed class LoadOptions
{
    private readonly Dictionary<string, string> _values;

    private LoadOptions(string command, Dictionary<string, string> values)
    {
        Command = command;
        _values = values;
    }

    public string Command { get; }

    /// <summary>Prefix of every result line, so the script can tell phases apart.</summary>
    public string Label => Text("label", Command);

    public int FunctionPort => Int("function-port", 0);

    public string AccessKeyId => Text("access-key", "BENCH");

    public string SecretAccessKey => Text("secret-key", "bench-secret");

    /// <summary>The WebSocket stages to connect to, <c>ws://host:port/api/stage</c>, comma-separated; connections are spread evenly.</summary>
    public IReadOnlyList<HubTarget> Targets => [.. Text("ws", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(HubTarget.Parse)];

    /// <summary>Loopback source addresses to spread client sockets over (127.0.0.1 .. 127.0.0.N), for more than one port range.</summary>
    public IReadOnlyList<IPAddress> Sources => [.. Enumerable.Range(1, Int("sources", 1)).Select(static i => new IPAddress([127, 0, 0, (byte)i]))];

    /// <summary>Hub process ids whose memory and CPU time are read from /proc.</summary>
    public IReadOnlyList<int> Pids => [.. Text("pids", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(static p => int.Parse(p, CultureInfo.InvariantCulture))];

    /// <summary>Other processes whose CPU time is reported apart (redis-server).</summary>
    public IReadOnlyList<int> SidePids => [.. Text("side-pids", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(static p => int.Parse(p, CultureInfo.InvariantCulture))];

    public static LoadOptions Parse(string[] args)
    {
        if (args.Length == 0 || args.Length % 2 == 0)
        {
            throw new ArgumentException("usage: HubLoad <rooms|push|handshake|floor|floor-server> [--name value]...");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected --name, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new LoadOptions(args[0], values);
    }

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public TimeSpan Seconds(string name, double fallback) =>
        TimeSpan.FromSeconds(_values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback);
}
