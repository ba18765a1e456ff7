using Microsoft.AspNetCore.Http;
using Platform.Definitions.UsagePlans;
using Platform.Gateway.UsagePlans;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>The GetUsage arithmetic (used and remaining per day) and its query validation.</summary>
public sealed class UsageReportTests
{
    private static readonly DateOnly November1 = new(2026, 11, 1);

    [Fact]
    public void Days_DayQuota_RemainingIsPerDay()
    {
        var rows = UsageReport.Days([5, 0, 10], November1, November1, November1.AddDays(2), new QuotaSettings(10, QuotaPeriod.Day));

        Assert.Equal([[5L, 5], [0, 10], [10, 0]], rows);
    }

    [Fact]
    public void Days_MonthQuota_RemainingShrinksThroughTheMonthAndStartsOver()
    {
        // Counts from 30 October; the report from 31 October to 2 November crosses into a new period.
        var from = new DateOnly(2026, 10, 30);

        var rows = UsageReport.Days([4, 3, 2, 1], from, from.AddDays(1), from.AddDays(3), new QuotaSettings(10, QuotaPeriod.Month));

        Assert.Equal([[3L, 3], [2, 8], [1, 7]], rows);
    }

    [Fact]
    public void Days_DaysBeforeTheReport_CountAgainstItsFirstDay()
    {
        var from = UsageReport.FirstDayNeeded(new DateOnly(2026, 11, 21), new QuotaSettings(100, QuotaPeriod.Week));

        var rows = UsageReport.Days([10, 20, 30, 40, 50, 60, 70], from, new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 21), new QuotaSettings(100, QuotaPeriod.Week));

        // The week started on Sunday the 15th; Sunday to Friday used 210 of 100: remaining never goes below zero.
        Assert.Equal(new DateOnly(2026, 11, 15), from);
        Assert.Equal([[70L, 0]], rows);
    }

    [Fact]
    public void Days_NoQuota_RemainingIsMinusOne()
    {
        var rows = UsageReport.Days([7], November1, November1, November1, null);

        Assert.Equal([[7L, UsageReport.NoQuota]], rows);
        Assert.Equal(November1, UsageReport.FirstDayNeeded(November1, null));
    }

    [Theory]
    [InlineData("startDate=2026-11-01&endDate=2026-11-21", null)]
    [InlineData("startDate=2026-11-21&endDate=2026-11-21", null)]
    [InlineData("startDate=2026-09-01&endDate=2026-11-29", null)]
    [InlineData("endDate=2026-11-21", "startDate is required, as yyyy-MM-dd.")]
    [InlineData("startDate=2026-11-01", "endDate is required, as yyyy-MM-dd.")]
    [InlineData("startDate=2026-11-31&endDate=2026-12-01", "Invalid startDate '2026-11-31': expected a date as yyyy-MM-dd.")]
    [InlineData("startDate=2026/11/01&endDate=2026-12-01", "Invalid startDate '2026/11/01': expected a date as yyyy-MM-dd.")]
    [InlineData("startDate=2026-11-01&endDate=21.11.2026", "Invalid endDate '21.11.2026': expected a date as yyyy-MM-dd.")]
    [InlineData("startDate=2026-11-21&endDate=2026-11-01", "The end date 2026-11-01 is before the start date 2026-11-21.")]
    [InlineData("startDate=2026-09-01&endDate=2026-11-30", "The date range covers 91 days; usage is kept for 90 days, so a report covers at most 90.")]
    [InlineData("startDate=2026-11-01&endDate=2026-11-02&limit=0", "Invalid limit '0': it must be a whole number from 1 to 500.")]
    [InlineData("startDate=2026-11-01&endDate=2026-11-02&limit=501", "Invalid limit '501': it must be a whole number from 1 to 500.")]
    [InlineData("startDate=2026-11-01&endDate=2026-11-02&limit=ten", "Invalid limit 'ten': it must be a whole number from 1 to 500.")]
    [InlineData("startDate=2026-11-01&endDate=2026-11-02&position=%25%25", "Invalid position '%%'.")]
    public void TryParse_Query_ValidOrTheBadRequestMessage(string query, string? error)
    {
        var parsed = UsageQuery.TryParse(Query(query), 90, out var usage, out var message);

        Assert.Equal(error is null, parsed);
        Assert.Equal(error, message);
        Assert.Equal(error is null, usage is not null);
    }

    [Fact]
    public void TryParse_AllParameters_Read()
    {
        var position = UsageReportEndpoint.EncodePosition("key-b");

        Assert.True(UsageQuery.TryParse(Query($"startDate=2026-11-01&endDate=2026-11-03&keyId=k1&limit=2&position={position}"), 90, out var usage, out _));

        Assert.Equal(new UsageQuery(November1, November1.AddDays(2), "k1", 2, "key-b"), usage);
        Assert.Equal("a2V5LWI", position);
    }

    private static QueryCollection Query(string query) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => p.Value));
}
