using System.Buffers.Binary;

namespace Platform.ConnectionHub.Connections;

/// <summary>
/// The upgraded connection's stream, watched on the way in: it follows the WebSocket frame headers (RFC 6455 §5.2)
/// in the bytes the server's <see cref="System.Net.WebSockets.WebSocket"/> reads, so the hub can enforce AWS's
/// per-frame limit (32 KB), which the WebSocket API does not expose: it only sees messages. Nothing is copied or
/// buffered; a zero-byte read passes through, so an idle connection holds no buffer.
/// </summary>
internal sealed class FrameInspectingStream(Stream inner, int maxFrameBytes) : Stream
{
    private const int MaxHeaderLength = 14;

    // Header bytes collected so far (a header may arrive split across reads) and payload bytes left to skip.
    private readonly byte[] _header = new byte[MaxHeaderLength];
    private int _headerLength;
    private long _payloadLeft;

    /// <summary>The declared length of the largest data frame seen over the limit; 0 while none was.</summary>
    public long OversizedFrameLength { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Inspect(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Inspect(buffer.AsSpan(offset, read));
        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Inspect(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            if (_payloadLeft > 0)
            {
                var skip = (int)Math.Min(_payloadLeft, bytes.Length);
                _payloadLeft -= skip;
                bytes = bytes[skip..];
                continue;
            }

            _header[_headerLength++] = bytes[0];
            bytes = bytes[1..];
            if (TryCompleteHeader(out var opcode, out var payloadLength))
            {
                _headerLength = 0;
                _payloadLeft = payloadLength;

                // Data and continuation frames count; control frames are at most 125 bytes by the RFC.
                if (opcode is 0x0 or 0x1 or 0x2 && payloadLength > maxFrameBytes)
                {
                    OversizedFrameLength = Math.Max(OversizedFrameLength, payloadLength);
                }
            }
        }
    }

    private bool TryCompleteHeader(out int opcode, out long payloadLength)
    {
        opcode = 0;
        payloadLength = 0;
        if (_headerLength < 2)
        {
            return false;
        }

        var masked = (_header[1] & 0x80) != 0;
        var length7 = _header[1] & 0x7F;
        var extended = length7 switch { 126 => 2, 127 => 8, _ => 0 };
        var needed = 2 + extended + (masked ? 4 : 0);
        if (_headerLength < needed)
        {
            return false;
        }

        opcode = _header[0] & 0x0F;
        payloadLength = extended switch
        {
            2 => BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2, 2)),
            8 => (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2, 8)), long.MaxValue),
            _ => length7,
        };
        return true;
    }
}
