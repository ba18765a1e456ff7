using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// The arithmetic of AWS's GetUsage: for each day of the range, <c>[used, remaining]</c> — the requests the key
/// made that day, and what its quota had left at the end of that day. Remaining counts from the start of the quota
/// period the day falls in, so a MONTH quota's remaining shrinks day after day and starts over on the period's
/// first day. A plan without a quota reports remaining as -1 (AWS documents no value for that case).
/// </summary>
internal static class UsageReport
{
    /// <summary>Reported as remaining when the plan has no quota.</summary>
    public const long NoQuota = -1;

    /// <summary>
    /// The first day whose usage the report needs: <paramref name="start"/>, or the start of the quota period
    /// <paramref name="start"/> falls in, whose earlier days count against the remaining of the first reported day.
    /// </summary>
    public static DateOnly FirstDayNeeded(DateOnly start, QuotaSettings? quota) =>
        quota is null ? start : QuotaWindow.Of(start, quota.Period, quota.Offset).Start;

    /// <summary>
    /// The <c>[used, remaining]</c> pairs of one key for each day from <paramref name="start"/> to
    /// <paramref name="end"/> (inclusive), from its daily <paramref name="counts"/> beginning on <paramref name="countsFrom"/>.
    /// </summary>
    public static long[][] Days(long[] counts, DateOnly countsFrom, DateOnly start, DateOnly end, QuotaSettings? quota)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var rows = new long[end.DayNumber - start.DayNumber + 1][];
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            var used = CountOn(counts, countsFrom, day);
            var remaining = NoQuota;
            if (quota is not null)
            {
                var period = QuotaWindow.Of(day, quota.Period, quota.Offset);
                var total = 0L;
                for (var d = period.Start; d <= day; d = d.AddDays(1))
                {
                    total += CountOn(counts, countsFrom, d);
                }

                remaining = Math.Max(0, quota.Limit - total);
            }

            rows[day.DayNumber - start.DayNumber] = [used, remaining];
        }

        return rows;
    }

    private static long CountOn(long[] counts, DateOnly countsFrom, DateOnly day)
    {
        var i = day.DayNumber - countsFrom.DayNumber;
        return i >= 0 && i < counts.Length ? counts[i] : 0;
    }
}
