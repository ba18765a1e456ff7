using System.Net;
using Platform.Definitions.Waf;

namespace Platform.Gateway.Waf.Matching;

/// <summary>An IP set compiled for lookups: its blocks as sorted, merged 128-bit ranges (IPv4 as IPv4-mapped), searched in O(log n).</summary>
internal sealed class AddressRanges
{
    private readonly UInt128[] _starts;
    private readonly UInt128[] _ends;

    public AddressRanges(IEnumerable<IPNetwork> networks)
    {
        var ranges = networks.Select(IpAddressKey.RangeOf).OrderBy(static r => r.First).ToList();
        var merged = new List<(UInt128 First, UInt128 Last)>(ranges.Count);
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && (merged[^1].Last == UInt128.MaxValue || range.First <= merged[^1].Last + 1))
            {
                merged[^1] = (merged[^1].First, range.Last > merged[^1].Last ? range.Last : merged[^1].Last);
            }
            else
            {
                merged.Add(range);
            }
        }

        _starts = [.. merged.Select(static r => r.First)];
        _ends = [.. merged.Select(static r => r.Last)];
    }

    public bool Contains(UInt128 address)
    {
        var index = Array.BinarySearch(_starts, address);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return index >= 0 && address <= _ends[index];
    }
}
