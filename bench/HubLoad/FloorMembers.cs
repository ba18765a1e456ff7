using System.Buffers.Binary;
using System.Net.Sockets;

namespace Platform.HubLoad;

/// <summary>
/// The floor server's upgraded sockets and its fan-out: one frame built per broadcast, the same bytes written to every
/// socket over <see cref="Environment.ProcessorCount"/> partitions. A socket's 101 is sent and the socket added in
/// one step under the lock a broadcast takes its snapshot under, so a frame never precedes a 101 and a broadcast
/// reaches every socket whose client had its 101 before the POST.
/// </summary>
internal sealed class FloorMembers
{
    // Only closure matters on a member socket; what a client might send (a close frame) is read into this buffer,
    // shared by every pending receive because nobody ever reads it back.
    private static readonly byte[] Discard = new byte[256];

    private readonly Lock _lock = new();
    private readonly List<Socket> _sockets = [];

    /// <summary>Sends the 101 <paramref name="response"/>, then keeps <paramref name="socket"/> until the client closes it.</summary>
    public void Admit(Socket socket, ReadOnlySpan<byte> response)
    {
        lock (_lock)
        {
            // Synchronous, under the lock: ~150 bytes into the empty send buffer of a new connection never wait.
            for (var offset = 0; offset < response.Length;)
            {
                offset += socket.Send(response[offset..]);
            }

            _sockets.Add(socket);
        }

        _ = WatchAsync(socket);
    }

    /// <summary>Writes <paramref name="payload"/> as one text frame to every member; returns how many took it.</summary>
    public async Task<int> BroadcastAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = TextFrame(payload.Span);
        Socket[] members;
        lock (_lock)
        {
            members = [.. _sockets];
        }

        // Concurrent broadcasts do not interleave their frames: the runtime sends one SendAsync's buffer whole before
        // the next send queued on the same socket.
        var partitions = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, members.Length));
        var sends = new Task<int>[partitions];
        for (var p = 0; p < partitions; p++)
        {
            var (from, to) = ((int)((long)p * members.Length / partitions), (int)((long)(p + 1) * members.Length / partitions));
            sends[p] = Task.Run(() => SendRangeAsync(members, from, to, frame), cancellationToken);
        }

        return (await Task.WhenAll(sends).ConfigureAwait(false)).Sum();
    }

    /// <summary>Closes every member socket (at shutdown).</summary>
    public void CloseAll()
    {
        lock (_lock)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            _sockets.Clear();
        }
    }

    // Server-to-client frames are unmasked (RFC 6455 §5.1), so one frame serves every member.
    private static byte[] TextFrame(ReadOnlySpan<byte> payload)
    {
        var header = payload.Length < 126 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        var frame = new byte[header + payload.Length];
        frame[0] = 0x81; // FIN, opcode 1 (text)
        switch (header)
        {
            case 2:
                frame[1] = (byte)payload.Length;
                break;
            case 4:
                frame[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
                break;
            default:
                frame[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
                break;
        }

        payload.CopyTo(frame.AsSpan(header));
        return frame;
    }

    private static async Task<int> SendRangeAsync(Socket[] members, int from, int to, byte[] frame)
    {
        var sent = 0;
        for (var i = from; i < to; i++)
        {
            try
            {
                await SocketSend.AllAsync(members[i], frame, CancellationToken.None).ConfigureAwait(false);
                sent++;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The client is gone; its watch removes the socket.
            }
        }

        return sent;
    }

    // One pending receive per member: 0 bytes or an error means the client closed or reset the connection.
    private async Task WatchAsync(Socket socket)
    {
        try
        {
            while (await socket.ReceiveAsync(Discard, SocketFlags.None).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Reset by the client, or closed by CloseAll.
        }

        lock (_lock)
        {
            _sockets.Remove(socket);
        }

        socket.Dispose();
    }
}
