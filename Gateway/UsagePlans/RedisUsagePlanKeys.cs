using System.Globalization;
using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// Names of the usage-plan keys in Redis, under a prefix. Plan names, key ids and route keys are escaped
/// (<see cref="Uri.EscapeDataString(string)"/>) so the <c>:</c> separators cannot be forged by a name.
/// <list type="bullet">
/// <item><c>{prefix}b:{plan}:{key}</c> — the plan's bucket for a key (hash: <c>t</c> tokens, <c>ts</c> µs);</item>
/// <item><c>{prefix}r:{plan}:{key}:{api}:{stage}:{route}</c> — a route override's bucket for a key;</item>
/// <item><c>{prefix}q:{plan}:{key}:{period}:{yyyy-MM-dd}</c> — requests counted in a quota period (string);</item>
/// <item><c>{prefix}u:{plan}:{yyyy-MM-dd}</c> — a day's usage (hash: key id → requests), for the usage report.</item>
/// </list>
/// </summary>
internal sealed class RedisUsagePlanKeys(string prefix)
{
    public string PlanBucket(string plan, string key) => $"{prefix}b:{Escape(plan)}:{Escape(key)}";

    public string RouteBucket(string plan, string key, RouteThrottle route) => $"{prefix}r:{Escape(plan)}:{Escape(key)}:{route.BucketId}";

    public string Quota(string plan, string key, QuotaPeriod period, DateOnly start) =>
        $"{prefix}q:{Escape(plan)}:{Escape(key)}:{PeriodName(period)}:{Day(start)}";

    public string Usage(string plan, DateOnly day) => $"{prefix}u:{Escape(plan)}:{Day(day)}";

    public static string Escape(string name) => Uri.EscapeDataString(name);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string PeriodName(QuotaPeriod period) => period switch
    {
        QuotaPeriod.Day => "DAY",
        QuotaPeriod.Week => "WEEK",
        _ => "MONTH",
    };
}
