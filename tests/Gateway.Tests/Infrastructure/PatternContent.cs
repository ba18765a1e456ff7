using System.Net;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// A request body of <paramref name="length"/> pattern bytes generated while it is sent, in 64 KB chunks; with
/// <paramref name="sendLength"/> false the client sends it chunked.
/// </summary>
internal sealed class PatternContent(long length, bool sendLength = true) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var buffer = new byte[Pattern.ChunkSize];
        for (long sent = 0; sent < length;)
        {
            var count = (int)Math.Min(buffer.Length, length - sent);
            Pattern.Fill(buffer.AsSpan(0, count), sent);
            await stream.WriteAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
            sent += count;
        }
    }

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return sendLength;
    }
}
