using System.Security.Cryptography;

namespace Platform.Gateway.TestBackend;

/// <summary>Large bodies both ways, generated and consumed in 64 KB chunks so the backend never holds one whole.</summary>
internal static class StreamingEndpoints
{
    private const int ChunkSize = 64 * 1024;
    private const long Megabyte = 1024 * 1024;

    public static void MapStreamingEndpoints(this IEndpointRouteBuilder app)
    {
        // GET/HEAD /stream/{megabytes}: the pattern (see Pattern) with Content-Length; ?chunked=true omits the length.
        app.MapMethods("/stream/{megabytes:int}", [HttpMethods.Get, HttpMethods.Head], async (HttpContext context, int megabytes, bool? chunked) =>
        {
            var total = megabytes * Megabyte;
            context.Response.ContentType = "application/octet-stream";
            if (chunked != true)
            {
                context.Response.ContentLength = total;
            }

            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            var buffer = new byte[ChunkSize];
            for (long sent = 0; sent < total;)
            {
                var count = (int)Math.Min(ChunkSize, total - sent);
                Pattern.Fill(buffer.AsSpan(0, count), sent);
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, count), context.RequestAborted);
                sent += count;
            }
        });

        // POST /upload: reads the body as it streams in and reports its size, SHA-256 and framing headers.
        app.MapPost("/upload", async (HttpContext context) =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[ChunkSize];
            long bytes = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                bytes += read;
            }

            return Results.Json(new UploadReport(
                bytes,
                Convert.ToHexStringLower(hash.GetHashAndReset()),
                context.Request.ContentLength,
                context.Request.Headers.TransferEncoding.ToString()));
        });
    }

    internal sealed record UploadReport(long Bytes, string Sha256, long? ContentLength, string TransferEncoding);
}
