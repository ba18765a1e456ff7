using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Platform.Gateway.Caching;

/// <summary>
/// A stored response: status, headers and body, framed once in a binary layout (no JSON) that the Redis store
/// sends as is and a hit only slices:
/// <code>
/// version:u8 status:u16 headerCount:u16
///   { nameLength:u16 name:utf8 valueCount:u16 { valueLength:i32 value:utf8 }* }*
/// bodyLength:i32 body
/// </code>
/// Integers are big-endian. Only the body is never copied again: <see cref="Body"/> is a slice of <see cref="Frame"/>.
/// </summary>
internal sealed class CachedResponse
{
    /// <summary>Largest body stored (AWS's largest cacheable response); larger responses still stream to the client.</summary>
    public const int MaxBodyBytes = 1_048_576;

    private const byte Version = 1;

    // Strings of the parsed headers and the object itself, roughly, for the in-memory store's byte budget.
    private const int Overhead = 256;

    private readonly int _bodyOffset;
    private readonly int _bodyLength;

    private CachedResponse(int statusCode, KeyValuePair<string, StringValues>[] headers, byte[] frame, int bodyOffset, int bodyLength)
    {
        StatusCode = statusCode;
        Headers = headers;
        Frame = frame;
        _bodyOffset = bodyOffset;
        _bodyLength = bodyLength;
    }

    public int StatusCode { get; }

    public KeyValuePair<string, StringValues>[] Headers { get; }

    public ReadOnlyMemory<byte> Body => Frame.AsMemory(_bodyOffset, _bodyLength);

    /// <summary>The framed entry, as the Redis store writes it.</summary>
    public byte[] Frame { get; }

    /// <summary>Bytes this entry takes in memory, about: the frame, the headers again as strings, and the objects.</summary>
    public long Size => Frame.Length * 2L - _bodyLength + Overhead;

    public static CachedResponse Create(int statusCode, IReadOnlyList<KeyValuePair<string, StringValues>> headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body.Length, MaxBodyBytes);

        var length = 1 + 2 + 2 + 4 + body.Length;
        foreach (var (name, values) in headers)
        {
            length += 2 + Encoding.UTF8.GetByteCount(name) + 2;
            foreach (var value in values)
            {
                length += 4 + Encoding.UTF8.GetByteCount(value ?? "");
            }
        }

        var frame = new byte[length];
        var span = frame.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], checked((ushort)statusCode));
        BinaryPrimitives.WriteUInt16BigEndian(span[3..], checked((ushort)headers.Count));
        var at = 5;
        foreach (var (name, values) in headers)
        {
            var written = Encoding.UTF8.GetBytes(name, span[(at + 2)..]);
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], checked((ushort)written));
            at += 2 + written;
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], checked((ushort)values.Count));
            at += 2;
            foreach (var value in values)
            {
                written = Encoding.UTF8.GetBytes(value ?? "", span[(at + 4)..]);
                BinaryPrimitives.WriteInt32BigEndian(span[at..], written);
                at += 4 + written;
            }
        }

        BinaryPrimitives.WriteInt32BigEndian(span[at..], body.Length);
        at += 4;
        body.CopyTo(span[at..]);
        return new CachedResponse(statusCode, [.. headers], frame, at, body.Length);
    }

    /// <summary>Reads a frame <see cref="Create"/> wrote; null when it is not one (another version, truncated, corrupt).</summary>
    public static CachedResponse? Parse(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var span = new ReadOnlySpan<byte>(frame);
        if (span.Length < 9 || span[0] != Version)
        {
            return null;
        }

        var status = BinaryPrimitives.ReadUInt16BigEndian(span[1..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(span[3..]);
        var headers = new KeyValuePair<string, StringValues>[count];
        var at = 5;
        for (var h = 0; h < count; h++)
        {
            if (!TryReadString(span, ref at, 2, out var name) || !TryReadLength(span, ref at, 2, out var valueCount))
            {
                return null;
            }

            var values = new string[valueCount];
            for (var v = 0; v < valueCount; v++)
            {
                if (!TryReadString(span, ref at, 4, out values[v]))
                {
                    return null;
                }
            }

            headers[h] = new(name, valueCount == 1 ? new StringValues(values[0]) : new StringValues(values));
        }

        if (!TryReadLength(span, ref at, 4, out var bodyLength) || bodyLength != span.Length - at)
        {
            return null;
        }

        return new CachedResponse(status, headers, frame, at, bodyLength);
    }

    private static bool TryReadLength(ReadOnlySpan<byte> span, ref int at, int width, out int length)
    {
        length = 0;
        if (span.Length - at < width)
        {
            return false;
        }

        length = width == 2 ? BinaryPrimitives.ReadUInt16BigEndian(span[at..]) : BinaryPrimitives.ReadInt32BigEndian(span[at..]);
        at += width;
        return length >= 0;
    }

    private static bool TryReadString(ReadOnlySpan<byte> span, ref int at, int width, out string text)
    {
        text = "";
        if (!TryReadLength(span, ref at, width, out var length) || span.Length - at < length)
        {
            return false;
        }

        text = Encoding.UTF8.GetString(span.Slice(at, length));
        at += length;
        return true;
    }
}
