using System.Text;

namespace Platform.ConnectionHub.Hosting;

/// <summary>The hub's JSON error responses, shaped as AWS's: <c>{"message":"..."}</c> and, for the management API, <c>x-amzn-ErrorType</c>.</summary>
internal static class HubResponses
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static Task WriteAsync(HttpContext context, int status, string message, string? errorType = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (errorType is not null)
        {
            context.Response.Headers[ErrorTypeHeader] = errorType;
        }

        var body = Encoding.UTF8.GetBytes("{\"message\":" + System.Text.Json.JsonSerializer.Serialize(message, HubJsonContext.Default.String) + "}");
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
