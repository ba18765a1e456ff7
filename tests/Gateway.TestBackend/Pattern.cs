namespace Platform.Gateway.TestBackend;

/// <summary>
/// The bytes of generated bodies: byte <c>n</c> of a body is <c>n % 251</c> (a prime, so 64 KB chunks do not
/// repeat the same block). Gateway.Tests generates the same sequence to check what came through.
/// </summary>
internal static class Pattern
{
    public static void Fill(Span<byte> buffer, long offset)
    {
        var value = (int)(offset % 251);
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)value;
            value = value == 250 ? 0 : value + 1;
        }
    }
}
