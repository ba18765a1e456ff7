using System.Text;
using System.Text.Unicode;

namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The bytes of one push, shared as they are by every connection it goes to: a broadcast to 10,000 members holds
/// one copy and decides once whether it travels as a text or a binary frame (text when it is valid UTF-8, as AWS
/// does). The bytes must not change once wrapped; whoever creates a payload hands its memory over.
/// </summary>
public sealed class PushPayload
{
    private string? _text;

    public PushPayload(ReadOnlyMemory<byte> bytes)
    {
        Bytes = bytes;
        IsText = Utf8.IsValid(bytes.Span);
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>True when the bytes are valid UTF-8: they go out as a text frame, otherwise as a binary frame.</summary>
    public bool IsText { get; }

    public int Length => Bytes.Length;

    /// <summary>The bytes as text (invalid UTF-8 replaced), decoded once for every SignalR client it goes to.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Bytes.Span);
}
