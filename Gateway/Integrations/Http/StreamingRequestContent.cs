using System.Buffers;
using System.Net;

namespace Platform.Gateway.Integrations.Http;

/// <summary>
/// The client's request body as outbound content, copied chunk by chunk as the backend connection takes it:
/// never buffered whole, so a large upload costs one pooled buffer. With a known length the backend gets that
/// <c>Content-Length</c>; without one the handler sends it chunked. A failure reading the client (body over the
/// size limit, client gone) is kept in <see cref="ClientFailure"/>, because the outbound handler reports it
/// wrapped as a failure of the backend request.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _source;
    private readonly long? _length;
    private int _started;

    public StreamingRequestContent(Stream source, long? length)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _length = length;
    }

    /// <summary>Why reading the client's body failed, if it did (not set for cancellation).</summary>
    public Exception? ClientFailure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // The client's body can be read once; a second send (a retry by the handler) must fail, not send nothing.
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The client's request body has already been sent.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var pending = _source.ReadAsync(buffer, cancellationToken);
                if (!pending.IsCompleted)
                {
                    // Nothing more has arrived from the client: push what we hold to the backend before waiting.
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                int read;
                try
                {
                    read = await pending.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ClientFailure = ex;
                    throw;
                }

                if (read == 0)
                {
                    return;
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length ?? 0;
        return _length is not null;
    }
}
