using System.Globalization;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>Calls per command from <c>INFO commandstats</c> (<c>cmdstat_evalsha:calls=20,usec=...</c>).</summary>
internal static class RedisCommandStats
{
    public static Dictionary<string, long> Parse(IEnumerable<IGrouping<string, KeyValuePair<string, string>>> sections)
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, value) in sections.SelectMany(static s => s))
        {
            if (name.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                var field = value.Split(',').First(static f => f.StartsWith("calls=", StringComparison.Ordinal));
                calls[name["cmdstat_".Length..]] = long.Parse(field["calls=".Length..], CultureInfo.InvariantCulture);
            }
        }

        return calls;
    }
}
