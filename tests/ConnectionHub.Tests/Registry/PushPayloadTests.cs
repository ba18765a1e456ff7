using System.Text;
using Platform.ConnectionHub.Registry;

namespace Platform.ConnectionHub.Tests.Registry;

public class PushPayloadTests
{
    [Fact]
    public void ValidUtf8_IsText_AndKeepsTheMemoryUncopied()
    {
        var bytes = Encoding.UTF8.GetBytes("héllo {\"a\":1}");

        var payload = new PushPayload(bytes);

        Assert.True(payload.IsText);
        Assert.Equal("héllo {\"a\":1}", payload.Text);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(payload.Bytes, out var segment));
        Assert.Same(bytes, segment.Array);
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0x00 })]
    [InlineData(new byte[] { 0xc3 })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    public void InvalidUtf8_IsBinary(byte[] bytes) => Assert.False(new PushPayload(bytes).IsText);

    [Fact]
    public void Empty_IsText() => Assert.True(new PushPayload(ReadOnlyMemory<byte>.Empty).IsText);
}
