using System.Buffers.Binary;
using System.Text;

namespace Platform.ConnectionHub.Registry;

/// <summary>
/// A command published to a replica's channel or the broadcast channel. Wire format: one command byte, then the
/// connection id and the argument, each a big-endian 16-bit byte count and UTF-8 text, then the payload to the end.
/// </summary>
/// <param name="Command">What to do.</param>
/// <param name="ConnectionId">The connection addressed; for <see cref="RegistryCommand.Broadcast"/> the excepted one, or empty.</param>
/// <param name="Argument">The scoped room for Join, Leave and Broadcast; otherwise empty.</param>
/// <param name="Payload">The frame for Send and Broadcast; otherwise empty.</param>
internal readonly record struct RegistryMessage(RegistryCommand Command, string ConnectionId, string Argument, ReadOnlyMemory<byte> Payload)
{
    private const int LengthSize = sizeof(ushort);

    public byte[] Encode()
    {
        var idLength = Encoding.UTF8.GetByteCount(ConnectionId);
        var argumentLength = Encoding.UTF8.GetByteCount(Argument);
        if (idLength > ushort.MaxValue || argumentLength > ushort.MaxValue)
        {
            throw new ArgumentException("Connection ids and room names are limited to 65535 UTF-8 bytes.");
        }

        var buffer = new byte[1 + LengthSize + idLength + LengthSize + argumentLength + Payload.Length];
        buffer[0] = (byte)Command;
        var offset = WriteText(buffer, 1, ConnectionId, idLength);
        offset = WriteText(buffer, offset, Argument, argumentLength);
        Payload.Span.CopyTo(buffer.AsSpan(offset));
        return buffer;
    }

    /// <summary>Reads a message; the payload is a slice of <paramref name="buffer"/>, which the caller must not reuse.</summary>
    public static RegistryMessage Decode(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length < 1 + LengthSize + LengthSize || !Enum.IsDefined((RegistryCommand)buffer[0]))
        {
            throw new InvalidDataException("Not a registry message.");
        }

        var offset = 1;
        var connectionId = ReadText(buffer, ref offset);
        var argument = ReadText(buffer, ref offset);
        return new RegistryMessage((RegistryCommand)buffer[0], connectionId, argument, buffer.AsMemory(offset));
    }

    private static int WriteText(byte[] buffer, int offset, string text, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), (ushort)length);
        offset += LengthSize;
        Encoding.UTF8.GetBytes(text, buffer.AsSpan(offset, length));
        return offset + length;
    }

    private static string ReadText(byte[] buffer, ref int offset)
    {
        if (buffer.Length - offset < LengthSize)
        {
            throw new InvalidDataException("Truncated registry message.");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset));
        offset += LengthSize;
        if (buffer.Length - offset < length)
        {
            throw new InvalidDataException("Truncated registry message.");
        }

        var text = Encoding.UTF8.GetString(buffer, offset, length);
        offset += length;
        return text;
    }
}
