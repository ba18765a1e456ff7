using System.Buffers;
using System.Text.Json;

namespace Platform.Orders.Api;

/// <summary>
/// A JSON request body, checked in the order that costs least: media type (415), size (413, from the declared
/// length before a byte is read, else while the body arrives), then syntax (400). Duplicate property names are
/// refused as invalid JSON: which of two <c>"quantity"</c>s counts would otherwise depend on the reader.
/// </summary>
internal static class JsonRequestBody
{
    /// <summary>The largest body accepted, 64 KB: an order of 50 lines needs a few kilobytes.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    /// <summary>The body as a JSON object, or the response that refuses it; the caller disposes the document.</summary>
    public static async Task<(JsonDocument? Document, IResult? Rejection)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (!request.HasJsonContentType())
        {
            return (null, OrderResults.Error(StatusCodes.Status415UnsupportedMediaType,
                "The body must be JSON, sent with Content-Type: application/json."));
        }

        var body = await ReadBoundedAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, OrderResults.Error(StatusCodes.Status413PayloadTooLarge, $"The body must be at most {MaxBytes} bytes."));
        }

        if (body.Length == 0)
        {
            return (null, OrderResults.Error(StatusCodes.Status400BadRequest, "A JSON body is required."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException ex)
        {
            return (null, OrderResults.Error(StatusCodes.Status400BadRequest, "The body is not valid JSON: " + ex.Message));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = JsonKinds.Describe(document.RootElement.ValueKind);
            document.Dispose();
            return (null, OrderResults.Error(StatusCodes.Status400BadRequest, $"The body must be a JSON object, not {kind}."));
        }

        return (document, null);
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // A declared length decides without reading a byte.
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        // Chunked or lying bodies are bounded while they arrive: never buffer more than the limit and one read.
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
