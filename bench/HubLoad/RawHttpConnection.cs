using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.HubLoad;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends prepared requests one at a time and reads each answer's status,
/// skipping a Content-Length body. An answer it cannot frame (chunked) leaves it unusable: the caller opens a new one.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    private RawHttpConnection(Socket socket) => _socket = socket;

    /// <summary>False once an answer could not be framed; the connection must be replaced.</summary>
    public bool Usable { get; private set; } = true;

    public static async Task<RawHttpConnection> OpenAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new RawHttpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/> and returns the answer's status code.</summary>
    public async Task<int> SendAsync(byte[] request, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headEnd);
        _start += headEnd + HeaderEnd.Length;
        var status = int.Parse(head.AsSpan(9, 3), CultureInfo.InvariantCulture);
        if (head.Contains("\r\nTransfer-Encoding:", StringComparison.OrdinalIgnoreCase))
        {
            Usable = false;
            return status;
        }

        var length = ContentLength(head);
        while (_end - _start < length)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        _start += length;
        return status;
    }

    public void Dispose() => _socket.Dispose();

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new IOException("an answer over 8 KB");
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("the hub closed the connection");
        }

        _end += read;
    }

    private static int ContentLength(string head)
    {
        const string Name = "\r\nContent-Length:";
        var at = head.IndexOf(Name, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return 0;
        }

        var value = head.AsSpan(at + Name.Length);
        var end = value.IndexOf('\r');
        return int.Parse((end < 0 ? value : value[..end]).Trim(), CultureInfo.InvariantCulture);
    }
}
