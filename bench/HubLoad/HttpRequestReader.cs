using System.Net.Sockets;
using System.Text;

namespace Platform.HubLoad;

/// <summary>
/// Reads the HTTP/1.1 requests of one keep-alive connection of the floor server: each head up to its blank line, then
/// a body of the length the head gave. Whatever the client sent after a request stays buffered for the next one.
/// </summary>
internal sealed class HttpRequestReader(Socket socket)
{
    private const int MaxRequest = 1 << 20;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    /// <summary>The next request's head without its blank line, or null when the client closed between requests.</summary>
    public async Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf(HeaderEnd);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(_buffer, _start, end);
                _start += end + HeaderEnd.Length;
                return head;
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return _start == _end ? null : throw new IOException("the client closed the connection within a request head");
            }
        }
    }

    public async Task<byte[]> ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        while (_end - _start < length)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("the client closed the connection within a request body");
            }
        }

        var body = _buffer.AsSpan(_start, length).ToArray();
        _start += length;
        return body;
    }

    // Reads more after what is buffered (moved to the front, the buffer doubled when full); false at end of stream.
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRequest)
            {
                throw new IOException($"a request over {MaxRequest} bytes");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
