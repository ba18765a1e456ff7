using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// A verification failure as AWS reports it: HTTP status, the error type for the <c>x-amzn-ErrorType</c> header
/// and the message of the <c>{"message":"..."}</c> body.
/// </summary>
public sealed record SigV4Error(SigV4ErrorKind Kind, int StatusCode, string ErrorType, string Message)
{
    /// <summary>The response header that carries <see cref="ErrorType"/>.</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>Writes the AWS-style error response: status, <c>application/json</c>, error type header and body.</summary>
    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);

        response.StatusCode = StatusCode;
        response.ContentType = "application/json";
        response.Headers[ErrorTypeHeader] = ErrorType;

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("message", Message);
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }
}
