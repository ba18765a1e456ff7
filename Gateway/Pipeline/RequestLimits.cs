using Platform.Gateway.Hosting;
using Platform.Gateway.Responses;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Pipeline;

/// <summary>
/// The size limits checked before anything else (AWS-REFERENCE §8). Kestrel's own limits are set above these so
/// that the gateway answers with its own error body and request ids rather than Kestrel's bare status.
/// </summary>
internal static class RequestLimits
{
    public static GatewayError? Check(HttpRequest request, GatewayOptions options)
    {
        var urlLength = request.Path.Value!.Length + request.PathBase.Value!.Length + request.QueryString.Value!.Length;
        if (urlLength > options.MaxUrlLength)
        {
            return new GatewayError(GatewayResponseType.Default4xx, "Request-URI Too Long",
                $"URL of {urlLength} characters exceeds {options.MaxUrlLength}", StatusCodes.Status414UriTooLong);
        }

        // Request line and headers as HTTP/1.1 frames them: "name: value\r\n".
        long headerBytes = request.Method.Length + urlLength + request.Protocol.Length + 4;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headerBytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headerBytes > options.MaxRequestHeaderBytes)
        {
            return new GatewayError(GatewayResponseType.Default4xx, "Request Header Fields Too Large",
                $"request line and headers of {headerBytes} bytes exceed {options.MaxRequestHeaderBytes}",
                StatusCodes.Status431RequestHeaderFieldsTooLarge);
        }

        if (request.ContentLength > options.MaxRequestBodyBytes)
        {
            return new GatewayError(GatewayResponseType.RequestTooLarge, Detail:
                $"body of {request.ContentLength} bytes exceeds {options.MaxRequestBodyBytes}");
        }

        return null;
    }
}
