using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// The quota period a moment falls in: <c>[Start, End)</c>, both at UTC midnight. DAY is the calendar day; WEEK
/// starts on Sunday plus <see cref="QuotaSettings.Offset"/> days (1 = Monday, as AWS's QuotaSettings); MONTH on the 1st plus the offset, clamped to the
/// month's last day (an offset of 30 starts February's period on the 28th or 29th), as <see cref="QuotaSettings"/>
/// documents.
/// </summary>
public readonly record struct QuotaWindow(DateOnly Start, DateOnly End)
{
    /// <summary>The day a WEEK period with offset 0 starts on.</summary>
    public const DayOfWeek WeekStart = DayOfWeek.Sunday;

    /// <summary>The <paramref name="period"/> (shifted by <paramref name="offset"/> days) that contains <paramref name="day"/>.</summary>
    public static QuotaWindow Of(DateOnly day, QuotaPeriod period, int offset) => period switch
    {
        QuotaPeriod.Day => new QuotaWindow(day, day.AddDays(1)),
        QuotaPeriod.Week => WeekOf(day, offset),
        QuotaPeriod.Month => MonthOf(day, offset),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "unknown quota period"),
    };

    /// <summary>The period of <paramref name="quota"/> that contains the UTC moment <paramref name="now"/>.</summary>
    public static QuotaWindow Of(DateTimeOffset now, QuotaSettings quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        return Of(DateOnly.FromDateTime(now.UtcDateTime), quota.Period, quota.Offset);
    }

    /// <summary>The first moment after the period, for counters' expiry.</summary>
    public DateTimeOffset EndUtc => new(End.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static QuotaWindow WeekOf(DateOnly day, int offset)
    {
        // The weekday the period starts on; offsets beyond a week wrap, negative ones count back.
        var startDay = (int)WeekStart + (offset % 7 + 7) % 7;
        var back = ((int)day.DayOfWeek - startDay % 7 + 7) % 7;
        var start = day.AddDays(-back);
        return new QuotaWindow(start, start.AddDays(7));
    }

    private static QuotaWindow MonthOf(DateOnly day, int offset)
    {
        var start = MonthStart(day.Year, day.Month, offset);
        if (day < start)
        {
            var previous = new DateOnly(day.Year, day.Month, 1).AddMonths(-1);
            start = MonthStart(previous.Year, previous.Month, offset);
        }

        var following = new DateOnly(start.Year, start.Month, 1).AddMonths(1);
        return new QuotaWindow(start, MonthStart(following.Year, following.Month, offset));
    }

    private static DateOnly MonthStart(int year, int month, int offset)
    {
        var lastDay = DateTime.DaysInMonth(year, month);
        return new DateOnly(year, month, Math.Clamp(1 + offset, 1, lastDay));
    }
}
