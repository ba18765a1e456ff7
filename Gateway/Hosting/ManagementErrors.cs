using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.ServiceDefaults.Signing;

namespace Platform.Gateway.Hosting;

/// <summary>Errors of the gateway's management endpoints (<c>/_gateway/...</c>) as AWS's control plane writes them: <c>{"message": ...}</c> and the error type header.</summary>
internal static class ManagementErrors
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, string errorType, string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers[SigV4Error.ErrorTypeHeader] = errorType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
