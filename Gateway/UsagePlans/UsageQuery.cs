using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Platform.Gateway.UsagePlans;

/// <summary>The query of a GetUsage request, validated: dates <c>yyyy-MM-dd</c>, start not after end, the range within retention.</summary>
internal sealed record UsageQuery(DateOnly Start, DateOnly End, string? KeyId, int Limit, string? Position)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 500;

    /// <summary>Parses <paramref name="query"/>; on failure <paramref name="error"/> is the BadRequestException message.</summary>
    public static bool TryParse(IQueryCollection query, int retentionDays, [NotNullWhen(true)] out UsageQuery? parsed, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        parsed = null;
        if (!TryDate(query, "startDate", out var start, out error) || !TryDate(query, "endDate", out var end, out error))
        {
            return false;
        }

        if (end < start)
        {
            error = $"The end date {Text(end)} is before the start date {Text(start)}.";
            return false;
        }

        var days = end.DayNumber - start.DayNumber + 1;
        if (days > retentionDays)
        {
            error = $"The date range covers {days} days; usage is kept for {retentionDays} days, so a report covers at most {retentionDays}.";
            return false;
        }

        var limit = DefaultLimit;
        if (query["limit"] is { Count: > 0 } limitText
            && (!int.TryParse(limitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            error = $"Invalid limit '{limitText[0]}': it must be a whole number from 1 to {MaxLimit}.";
            return false;
        }

        string? position = null;
        if (query["position"] is { Count: > 0 } positionText && !string.IsNullOrEmpty(positionText[0]))
        {
            position = UsageReportEndpoint.DecodePosition(positionText[0]!);
            if (position is null)
            {
                error = $"Invalid position '{positionText[0]}'.";
                return false;
            }
        }

        var keyId = query["keyId"] is { Count: > 0 } key && !string.IsNullOrEmpty(key[0]) ? key[0] : null;
        parsed = new UsageQuery(start, end, keyId, limit, position);
        error = null;
        return true;
    }

    private static bool TryDate(IQueryCollection query, string name, out DateOnly date, [NotNullWhen(false)] out string? error)
    {
        date = default;
        var text = query[name].FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            error = $"{name} is required, as yyyy-MM-dd.";
            return false;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            error = $"Invalid {name} '{text}': expected a date as yyyy-MM-dd.";
            return false;
        }

        error = null;
        return true;
    }

    private static string Text(DateOnly day) => UsageReportEndpoint.Format(day);
}
