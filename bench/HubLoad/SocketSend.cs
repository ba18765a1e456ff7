using System.Net.Sockets;

namespace Platform.HubLoad;

/// <summary>Writes of the floor server: a buffer sent whole, however many <c>send()</c> calls that takes.</summary>
internal static class SocketSend
{
    public static async ValueTask AllAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        // On Linux the runtime completes an async send of a stream socket only once the whole buffer is sent, so this
        // loop runs once; it is here so that a short count could not pass unnoticed.
        for (var offset = 0; offset < bytes.Length;)
        {
            offset += await socket.SendAsync(bytes[offset..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }
}
