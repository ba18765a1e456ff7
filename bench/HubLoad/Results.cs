using System.Globalization;

namespace Platform.HubLoad;

/// <summary>
/// Output: <c>result {label}.{key} {value}</c> lines, which bench/hub-bench.sh collects into its table, and
/// free-form progress lines for the log.
/// </summary>
internal static class Results
{
    public static void Write(string label, string key, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {label}.{key} {Math.Round(value, 3)}"));

    public static void Note(string label, string text) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {label}: {text}"));

    /// <summary>Nearest-rank percentile of <paramref name="values"/> (sorted here).</summary>
    public static double Percentile(List<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var rank = (int)Math.Ceiling(percent / 100 * values.Count);
        return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
    }
}
