namespace Platform.HubLoad;

/// <summary>
/// CPU seconds used between <see cref="Start"/> and <see cref="Stop"/> by the hubs (<c>--pids</c>), by side processes
/// such as redis-server (<c>--side-pids</c>) and by this tool: on a shared machine, CPU per operation says more about
/// the hub than a rate does.
/// </summary>
internal sealed class CpuMeter(LoadOptions options)
{
    private readonly IReadOnlyList<int> _hubs = options.Pids;
    private readonly IReadOnlyList<int> _sides = options.SidePids;
    private (double Hub, double Side, double Tool) _start;

    public double Hub { get; private set; }

    public double Side { get; private set; }

    public double Tool { get; private set; }

    public void Start() => _start = Read();

    public void Stop()
    {
        var now = Read();
        (Hub, Side, Tool) = (now.Hub - _start.Hub, now.Side - _start.Side, now.Tool - _start.Tool);
    }

    /// <summary>Writes <c>{what}_cores</c> over <paramref name="seconds"/> and CPU per operation in <paramref name="unit"/> (µs or ms).</summary>
    public void Report(string label, double seconds, long operations, string operation, double unitsPerSecond, string unit)
    {
        var per = Math.Max(1, operations);
        Results.Write(label, "hub_cores", Hub / seconds);
        Results.Write(label, "tool_cores", Tool / seconds);
        Results.Write(label, $"hub_cpu_{unit}_per_{operation}", Hub * unitsPerSecond / per);
        Results.Write(label, $"tool_cpu_{unit}_per_{operation}", Tool * unitsPerSecond / per);
        if (_sides.Count > 0)
        {
            Results.Write(label, "side_cores", Side / seconds);
            Results.Write(label, $"side_cpu_{unit}_per_{operation}", Side * unitsPerSecond / per);
        }
    }

    private (double Hub, double Side, double Tool) Read() =>
        (_hubs.Sum(ProcessStats.CpuSeconds), _sides.Sum(ProcessStats.CpuSeconds), ProcessStats.CpuSeconds(0));
}
