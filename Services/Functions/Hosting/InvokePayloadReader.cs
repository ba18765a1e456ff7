using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Platform.Functions;

/// <summary>Reads an Invoke payload whole, refusing it as soon as it is known to exceed the limit.</summary>
internal static class InvokePayloadReader
{
    /// <summary>The payload, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        // A declared length decides without reading a byte.
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Chunked or lying bodies are bounded while they arrive: never buffer more than limit + one read.
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var payload = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return payload;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
