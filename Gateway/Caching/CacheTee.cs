using System.Buffers;

namespace Platform.Gateway.Caching;

/// <summary>
/// Stands in for the response body while an integration writes a cacheable response: every write goes on to the
/// client as it comes (nothing is held back) and is copied aside, up to <see cref="CachedResponse.MaxBodyBytes"/>;
/// past that the copy is dropped and the response is not stored. The status and headers are read at the first
/// write or flush, just before the response starts — before <c>OnStarting</c> callbacks such as CORS rewrite them.
/// </summary>
internal sealed class CacheTee : Stream
{
    private const int InitialCapacity = 16 * 1024;

    private readonly Stream _inner;
    private readonly HttpResponse _response;
    private readonly bool _ownWarning;
    private byte[]? _buffer;
    private int _length;

    public CacheTee(Stream inner, HttpResponse response, bool ownWarning)
    {
        _inner = inner;
        _response = response;
        _ownWarning = ownWarning;
    }

    /// <summary>The inner stream the tee replaced, to put back when the integration is done.</summary>
    public Stream Inner => _inner;

    /// <summary>Status and storable headers as the integration set them; null until the response starts or <see cref="TakeSnapshot"/>.</summary>
    public CachedHeaders? Snapshot { get; private set; }

    /// <summary>True once the body outgrew <see cref="CachedResponse.MaxBodyBytes"/>.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The body written so far (empty once <see cref="Overflowed"/>).</summary>
    public ReadOnlySpan<byte> Captured => _buffer.AsSpan(0, _length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads status and headers now, unless the first write or flush already did.</summary>
    public void TakeSnapshot() => Snapshot ??= CachedHeaders.Read(_response, _ownWarning);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Capture(buffer);
        _inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Capture(buffer.Span);
        return _inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
        TakeSnapshot();
        _inner.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        TakeSnapshot();
        return _inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The inner stream belongs to the server; only the copy is ours.
        Release();
        base.Dispose(disposing);
    }

    private void Capture(ReadOnlySpan<byte> data)
    {
        TakeSnapshot();
        if (Overflowed || data.IsEmpty)
        {
            return;
        }

        if (_length + (long)data.Length > CachedResponse.MaxBodyBytes)
        {
            // Too large to store: stop copying, keep streaming.
            Overflowed = true;
            Release();
            return;
        }

        if (_buffer is null || _buffer.Length - _length < data.Length)
        {
            Grow(_length + data.Length);
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    private void Grow(int needed)
    {
        var declared = _response.ContentLength is { } length and <= CachedResponse.MaxBodyBytes ? (int)length : 0;
        var capacity = Math.Max(Math.Max(needed, declared), Math.Min(CachedResponse.MaxBodyBytes, Math.Max(InitialCapacity, (_buffer?.Length ?? 0) * 2)));
        var larger = ArrayPool<byte>.Shared.Rent(capacity);
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }

    private void Release()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _length = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
