using Platform.Definitions.UsagePlans;
using Platform.Gateway.UsagePlans;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>Quota periods at UTC boundaries: DAY, WEEK from Sunday + offset (AWS's), MONTH from the 1st + offset (clamped to short months).</summary>
public sealed class QuotaWindowTests
{
    [Theory]
    // DAY: the calendar day, across a year's end.
    [InlineData("2026-11-21", QuotaPeriod.Day, 0, "2026-11-21", "2026-11-22")]
    [InlineData("2026-12-31", QuotaPeriod.Day, 0, "2026-12-31", "2027-01-01")]
    // WEEK, offset 0: Sunday to Sunday (AWS: 0 = Sunday); a Saturday, the Sunday itself, the Monday after it.
    [InlineData("2026-11-21", QuotaPeriod.Week, 0, "2026-11-15", "2026-11-22")]
    [InlineData("2026-11-22", QuotaPeriod.Week, 0, "2026-11-22", "2026-11-29")]
    [InlineData("2026-11-23", QuotaPeriod.Week, 0, "2026-11-22", "2026-11-29")]
    [InlineData("2026-12-31", QuotaPeriod.Week, 0, "2026-12-27", "2027-01-03")]
    // WEEK with offsets: 1 starts on Monday, 6 on Saturday.
    [InlineData("2026-11-22", QuotaPeriod.Week, 1, "2026-11-16", "2026-11-23")]
    [InlineData("2026-11-23", QuotaPeriod.Week, 1, "2026-11-23", "2026-11-30")]
    [InlineData("2026-11-21", QuotaPeriod.Week, 6, "2026-11-21", "2026-11-28")]
    [InlineData("2026-11-20", QuotaPeriod.Week, 6, "2026-11-14", "2026-11-21")]
    // MONTH, offset 0: the calendar month, whatever its length.
    [InlineData("2026-11-01", QuotaPeriod.Month, 0, "2026-11-01", "2026-12-01")]
    [InlineData("2026-11-30", QuotaPeriod.Month, 0, "2026-11-01", "2026-12-01")]
    [InlineData("2026-12-31", QuotaPeriod.Month, 0, "2026-12-01", "2027-01-01")]
    [InlineData("2027-02-28", QuotaPeriod.Month, 0, "2027-02-01", "2027-03-01")]
    [InlineData("2028-02-29", QuotaPeriod.Month, 0, "2028-02-01", "2028-03-01")]
    // MONTH with an offset: the 15th to the 15th; a day before the month's start belongs to the previous period.
    [InlineData("2026-11-15", QuotaPeriod.Month, 14, "2026-11-15", "2026-12-15")]
    [InlineData("2026-11-14", QuotaPeriod.Month, 14, "2026-10-15", "2026-11-15")]
    [InlineData("2027-01-10", QuotaPeriod.Month, 14, "2026-12-15", "2027-01-15")]
    // Offsets past a short month's end start that month's period on its last day.
    [InlineData("2027-03-01", QuotaPeriod.Month, 30, "2027-02-28", "2027-03-31")]
    [InlineData("2027-02-27", QuotaPeriod.Month, 30, "2027-01-31", "2027-02-28")]
    [InlineData("2028-02-29", QuotaPeriod.Month, 30, "2028-02-29", "2028-03-31")]
    [InlineData("2026-04-30", QuotaPeriod.Month, 30, "2026-04-30", "2026-05-31")]
    [InlineData("2027-02-28", QuotaPeriod.Month, 27, "2027-02-28", "2027-03-28")]
    public void Of_Day_PeriodContainingIt(string day, QuotaPeriod period, int offset, string start, string end)
    {
        var window = QuotaWindow.Of(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), period, offset);

        Assert.Equal((Date(start), Date(end)), (window.Start, window.End));
    }

    [Theory]
    [InlineData("2026-11-21T23:59:59.9999999+00:00", "2026-11-21")]
    [InlineData("2026-11-22T00:00:00+00:00", "2026-11-22")]
    // Local offsets are converted to UTC first: 23:30 at UTC-5 is 04:30 UTC the next day.
    [InlineData("2026-11-21T23:30:00-05:00", "2026-11-22")]
    [InlineData("2026-11-22T01:00:00+02:00", "2026-11-21")]
    public void Of_Moment_UtcDay(string moment, string day)
    {
        var window = QuotaWindow.Of(DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture), new QuotaSettings(1, QuotaPeriod.Day));

        Assert.Equal(Date(day), window.Start);
        Assert.Equal(new DateTimeOffset(Date(day).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), window.EndUtc);
    }

    [Fact]
    public void Of_EveryDayOfTwoYears_PeriodsAreContiguousAndContainTheDay()
    {
        foreach (var (period, offset) in new[] { (QuotaPeriod.Week, 0), (QuotaPeriod.Week, 3), (QuotaPeriod.Month, 0), (QuotaPeriod.Month, 27), (QuotaPeriod.Month, 30) })
        {
            var day = new DateOnly(2027, 1, 1);
            var previous = QuotaWindow.Of(day, period, offset);
            for (; day < new DateOnly(2029, 1, 1); day = day.AddDays(1))
            {
                var window = QuotaWindow.Of(day, period, offset);
                Assert.True(window.Start <= day && day < window.End, $"{period}+{offset}: {day} outside {window}");
                Assert.True(window == previous || window.Start == previous.End, $"{period}+{offset}: {previous} then {window}");
                previous = window;
            }
        }
    }

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
