using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Platform.Functions;

/// <summary>
/// One call of the Lambda Invoke API and what came back: the invoke status, the <c>X-Amz-Function-Error</c> and
/// <c>x-amzn-ErrorType</c> headers, and the payload (null when it was over the 6 MB limit and was not read).
/// </summary>
public sealed record FunctionInvocation(int Status, string? FunctionError, string? ErrorType, byte[]? Payload)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    /// <summary>True when the function ran and answered: status 200 without a function error, payload within the limit.</summary>
    [MemberNotNullWhen(true, nameof(Payload))]
    public bool Succeeded => Status == 200 && FunctionError is null && Payload is not null;

    /// <summary>
    /// POSTs <paramref name="payload"/> to <paramref name="target"/> as a <c>RequestResponse</c> invocation. Transport
    /// failures and cancellation surface as the invoker's exceptions; the caller tells them apart.
    /// </summary>
    public static async Task<FunctionInvocation> InvokeAsync(HttpMessageInvoker invoker, Uri target, byte[] payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = JsonContentType;
        request.Headers.TryAddWithoutValidation(FunctionInvokeProtocol.InvocationTypeHeader, FunctionInvokeProtocol.RequestResponseInvocation);

        using var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var content = await ReadAsync(response.Content, FunctionInvokeProtocol.MaxPayloadBytes, cancellationToken).ConfigureAwait(false);
        return new FunctionInvocation((int)response.StatusCode, Header(response, FunctionInvokeProtocol.FunctionErrorHeader),
            Header(response, FunctionInvokeProtocol.ErrorTypeHeader), content);
    }

    /// <summary>Why a call that did not succeed failed, for logs and <c>$context.integrationErrorMessage</c>.</summary>
    public string Describe(string functionName)
    {
        if (Payload is null)
        {
            return $"function '{functionName}' returned more than {FunctionInvokeProtocol.MaxPayloadBytes} bytes";
        }

        if (FunctionError is not null)
        {
            var error = Read(Payload, FunctionJsonContext.Wire.FunctionError);
            return $"function '{functionName}' failed ({FunctionError}): {error?.ErrorType ?? "error"}: {error?.ErrorMessage ?? Text(Payload)}";
        }

        var serviceError = Read(Payload, FunctionJsonContext.Wire.FunctionServiceError);
        var status = ErrorType is null ? $"{Status}" : $"{Status} {ErrorType}";
        return $"invoking function '{functionName}' answered {status}: {serviceError?.Message ?? Text(Payload)}";
    }

    // Reads at most limit bytes: a declared length over it is refused without reading, an undeclared one as it arrives.
    private static async Task<byte[]?> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream((int)(content.Headers.ContentLength ?? 0));
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        return null;
                    }

                    buffer.Write(chunk, 0, read);
                }

                return buffer.ToArray();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : null;

    private static T? Read<T>(byte[] payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(payload, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(byte[] payload)
    {
        var text = Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 200));
        return payload.Length > 200 ? text + "..." : text;
    }
}
