using System.Buffers.Text;
using System.Text;

namespace Platform.HubLoad;

/// <summary>
/// The 1 KB text message pushed and broadcast: <c>{"r":"00000012","p":"xxx…"}</c>, where <c>r</c> is the broadcast
/// round (0 for pushes), so a receiver can count each round's deliveries apart from late ones.
/// </summary>
internal static class Payload
{
    public const int Size = 1024;

    private const int RoundOffset = 6;
    private const int RoundDigits = 8;

    public static byte[] Create(int round)
    {
        var head = $"{{\"r\":\"{round:D8}\",\"p\":\"";
        var text = head + new string('x', Size - head.Length - 2) + "\"}";
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>The round a received message belongs to, or -1 when it is not one of ours.</summary>
    public static int RoundOf(ReadOnlySpan<byte> message) =>
        message.Length == Size && Utf8Parser.TryParse(message.Slice(RoundOffset, RoundDigits), out int round, out var consumed) && consumed == RoundDigits
            ? round
            : -1;
}
