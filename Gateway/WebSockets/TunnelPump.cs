using System.Buffers;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// Copies one direction of a tunnel, byte for byte, until its source ends. An idle direction holds no buffer: it
/// waits in a zero-byte read, which completes when data has arrived without taking any, and only then rents a
/// pooled buffer for the copy, returning it straight after. Ten thousand idle WebSockets thus cost no buffers.
/// (A stream that cannot wait in a zero-byte read completes it at once; the copy stays correct, only the saving
/// is lost.)
/// </summary>
internal static class TunnelPump
{
    // WebSocket frames through API Gateway are at most 32 KB (AWS-REFERENCE §7.6); larger ones take a few turns.
    private const int BufferSize = 32 * 1024;

    public static async Task<TunnelPumpResult> CopyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        long bytes = 0;
        var reading = true;
        try
        {
            while (true)
            {
                reading = true;
                await source.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    var read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return new TunnelPumpResult(TunnelPumpEnd.SourceEnded, bytes, null);
                    }

                    reading = false;
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                    bytes += read;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new TunnelPumpResult(TunnelPumpEnd.Cancelled, bytes, null);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException or InvalidOperationException)
        {
            // A reset connection, or a stream closed under us because the other direction ended first.
            return new TunnelPumpResult(reading ? TunnelPumpEnd.SourceFailed : TunnelPumpEnd.DestinationFailed, bytes, ex);
        }
    }
}
