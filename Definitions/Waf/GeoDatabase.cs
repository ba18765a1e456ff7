namespace Platform.Definitions.Waf;

/// <summary>
/// An operator-supplied address-to-country table, read from a CSV file when definitions load (lines
/// <c>startIp,endIp,CC</c>, IPv4 and IPv6, <c>#</c> comments): ranges sorted and checked not to overlap, looked up by
/// binary search.
/// </summary>
public sealed class GeoDatabase
{
    private readonly UInt128[] _starts;
    private readonly UInt128[] _ends;
    private readonly string[] _countries;

    /// <summary>Ranges already sorted by start and disjoint (the reader checks both).</summary>
    internal GeoDatabase(string path, UInt128[] starts, UInt128[] ends, string[] countries)
    {
        Path = path;
        _starts = starts;
        _ends = ends;
        _countries = countries;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    public int Count => _starts.Length;

    /// <summary>The country of <paramref name="address"/> (see <see cref="IpAddressKey"/>), or null when no range holds it.</summary>
    public string? Lookup(UInt128 address)
    {
        // The last range starting at or before the address is the only one that can hold it.
        var index = Array.BinarySearch(_starts, address);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return index >= 0 && address <= _ends[index] ? _countries[index] : null;
    }
}
