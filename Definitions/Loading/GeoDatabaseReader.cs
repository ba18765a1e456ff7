using System.Globalization;
using System.Net;
using Platform.Definitions.Waf;

namespace Platform.Definitions.Loading;

/// <summary>
/// Reads a web ACL's geo database when definitions load: a CSV file of <c>startIp,endIp,CC</c> lines (IPv4 or IPv6,
/// both ends inclusive and of the same family, CC an ISO 3166-1 alpha-2 code), blank lines and <c>#</c> comments
/// skipped. Every malformed line is reported with the file and its line number (the first
/// <see cref="MaxReportedLines"/>, then a count), and so are overlapping ranges: a lookup must have one answer.
/// </summary>
internal static class GeoDatabaseReader
{
    public const int MaxReportedLines = 20;

    /// <param name="definitionFile">The definition file naming the database; a relative <paramref name="database"/> is relative to its folder.</param>
    public static GeoDatabase? Read(string definitionFile, string key, string database, ICollection<DefinitionError> errors)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(definitionFile)) ?? ".";
        var path = Path.GetFullPath(Path.Combine(directory, database));
        var ranges = new List<(UInt128 Start, UInt128 End, string Country, int Line)>();
        var malformed = 0;
        void Fail(int line, string message)
        {
            if (++malformed <= MaxReportedLines)
            {
                errors.Add(new DefinitionError(definitionFile, key, $"geo database {path} line {line.ToString(CultureInfo.InvariantCulture)}: {message}"));
            }
        }

        try
        {
            var number = 0;
            foreach (var raw in File.ReadLines(path))
            {
                number++;
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (TryParseLine(line, out var range, out var error))
                {
                    ranges.Add((range.Start, range.End, range.Country, number));
                }
                else
                {
                    Fail(number, error);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new DefinitionError(definitionFile, key, $"cannot read the geo database {path}: {e.Message}"));
            return null;
        }

        if (malformed > MaxReportedLines)
        {
            errors.Add(new DefinitionError(definitionFile, key,
                $"geo database {path}: {(malformed - MaxReportedLines).ToString(CultureInfo.InvariantCulture)} more malformed lines not listed"));
        }

        if (malformed > 0)
        {
            return null;
        }

        if (ranges.Count == 0)
        {
            errors.Add(new DefinitionError(definitionFile, key, $"geo database {path} has no ranges (lines startIp,endIp,CC)"));
            return null;
        }

        ranges.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var overlaps = 0;
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Start <= ranges[i - 1].End && ++overlaps <= MaxReportedLines)
            {
                errors.Add(new DefinitionError(definitionFile, key,
                    $"geo database {path} line {ranges[i].Line.ToString(CultureInfo.InvariantCulture)}: its range overlaps the range on line {ranges[i - 1].Line.ToString(CultureInfo.InvariantCulture)}"));
            }
        }

        return overlaps > 0
            ? null
            : new GeoDatabase(path, [.. ranges.Select(static r => r.Start)], [.. ranges.Select(static r => r.End)], [.. ranges.Select(static r => r.Country)]);
    }

    private static bool TryParseLine(string line, out (UInt128 Start, UInt128 End, string Country) range, out string error)
    {
        range = default;
        var parts = line.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3)
        {
            error = $"expected startIp,endIp,CC, not '{line}'";
            return false;
        }

        if (!IPAddress.TryParse(parts[0], out var start) || !IPAddress.TryParse(parts[1], out var end))
        {
            error = $"'{(IPAddress.TryParse(parts[0], out _) ? parts[1] : parts[0])}' is not an IP address";
            return false;
        }

        if (start.AddressFamily != end.AddressFamily)
        {
            error = $"'{parts[0]}' and '{parts[1]}' are not of the same family (IPv4 and IPv6 ranges are separate lines)";
            return false;
        }

        var first = IpAddressKey.Of(start);
        var last = IpAddressKey.Of(end);
        if (first > last)
        {
            error = $"the range starts after it ends ({parts[0]} > {parts[1]})";
            return false;
        }

        if (parts[2].Length != 2 || !char.IsAsciiLetter(parts[2][0]) || !char.IsAsciiLetter(parts[2][1]))
        {
            error = $"'{parts[2]}' is not a two-letter country code (ISO 3166-1 alpha-2)";
            return false;
        }

        range = (first, last, parts[2].ToUpperInvariant());
        error = "";
        return true;
    }
}
