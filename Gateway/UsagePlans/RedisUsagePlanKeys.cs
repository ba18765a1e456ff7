using System.Globalization;
using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// Names of the usage-plan keys and fields in Redis, under a prefix. Plan names, key ids and route keys are
/// escaped (<see cref="Uri.EscapeDataString(string)"/>) so the <c>:</c> separators cannot be forged by a name.
/// <list type="bullet">
/// <item><c>{prefix}k:{plan}:{key}</c> — a key's state in a plan, a hash: <c>s</c> =
/// <c>{tokens}|{µs}|{quota period}|{count}</c> (the plan's bucket, the quota period — <see cref="QuotaPeriodId"/> —
/// and the requests counted in it) and <c>d:{yyyy-MM-dd}</c> the requests of each day (<see cref="UsageField"/>), for
/// the usage report;</item>
/// <item><c>{prefix}r:{plan}:{key}:{api}:{stage}:{route}</c> — a route override's bucket for a key (<c>t</c>, <c>ts</c>).</item>
/// </list>
/// </summary>
internal sealed class RedisUsagePlanKeys(string prefix)
{
    public string State(string plan, string key) => $"{prefix}k:{Escape(plan)}:{Escape(key)}";

    public string RouteBucket(string plan, string key, string bucketId) => $"{prefix}r:{Escape(plan)}:{Escape(key)}:{bucketId}";

    /// <summary>Names a quota period, e.g. <c>WEEK:2026-11-16</c>: a new id (a new period, or a plan's period changed) counts from zero.</summary>
    public static string QuotaPeriodId(QuotaPeriod period, DateOnly start) => $"{PeriodName(period)}:{Day(start)}";

    /// <summary>The field of a day's request count, <c>d:2026-11-21</c>; fields of later days sort after it.</summary>
    public static string UsageField(DateOnly day) => "d:" + Day(day);

    public static string Escape(string name) => Uri.EscapeDataString(name);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string PeriodName(QuotaPeriod period) => period switch
    {
        QuotaPeriod.Day => "DAY",
        QuotaPeriod.Week => "WEEK",
        _ => "MONTH",
    };
}
