using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Platform.Definitions.Waf;

/// <summary>
/// Addresses as 128-bit numbers, so one sorted table and one comparison serve IPv4 and IPv6: an IPv4 address is its
/// IPv4-mapped IPv6 form (<c>::ffff:a.b.c.d</c>), which is also what a dual-stack socket reports for an IPv4 client.
/// </summary>
public static class IpAddressKey
{
    public static UInt128 Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[..10].Clear();
            bytes[10] = 0xff;
            bytes[11] = 0xff;
            address.TryWriteBytes(bytes[12..], out _);
        }
        else
        {
            address.TryWriteBytes(bytes, out _);
        }

        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The first and last address of <paramref name="network"/>.</summary>
    public static (UInt128 First, UInt128 Last) RangeOf(IPNetwork network)
    {
        var first = Of(network.BaseAddress);
        var prefix = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 96 + network.PrefixLength : network.PrefixLength;
        var hostBits = prefix >= 128 ? UInt128.Zero : UInt128.MaxValue >> prefix;
        return (first & ~hostBits, first | hostBits);
    }
}
