using Microsoft.AspNetCore.Http.Features;

namespace Platform.Gateway.TestBackend;

/// <summary>Endpoints that report what arrived and send back what a test asks for.</summary>
internal static class EchoEndpoints
{
    public static void MapEchoEndpoints(this IEndpointRouteBuilder app)
    {
        // ANY /echo/{**path}: method, the path exactly as sent (still encoded), the raw query, every header, body size.
        app.Map("/echo/{**path}", async (HttpContext context) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var question = target.IndexOf('?', StringComparison.Ordinal);
            long bodyBytes = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                bodyBytes += read;
            }

            return Results.Json(new EchoReport(
                context.Request.Method,
                question < 0 ? target : target[..question],
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                bodyBytes));
        });

        // GET /status/{code}: that status, with a small body where the status allows one.
        app.MapGet("/status/{code:int}", async (HttpContext context, int code) =>
        {
            context.Response.StatusCode = code;
            if (code is >= 300 and < 400)
            {
                context.Response.Headers.Location = "/elsewhere";
            }

            if (code is not (204 or 304))
            {
                await context.Response.WriteAsync($"status {code}", context.RequestAborted);
            }
        });

        // GET /hop: a response carrying hop-by-hop headers (and one the Connection header names) beside a normal one.
        app.MapGet("/hop", async (HttpContext context) =>
        {
            var headers = context.Response.Headers;
            headers.Connection = "X-Remove-Me";
            headers["X-Remove-Me"] = "connection-specific";
            headers.KeepAlive = "timeout=5";
            headers.ProxyAuthenticate = "Basic realm=\"backend\"";
            headers.Trailer = "X-Checksum";
            headers["X-Normal"] = "kept";
            headers.Append("Set-Cookie", "a=1");
            headers.Append("Set-Cookie", "b=2");
            await context.Response.WriteAsync("hop", context.RequestAborted);
        });
    }

    internal sealed record EchoReport(string Method, string Path, string Query, Dictionary<string, string> Headers, long BodyBytes);
}
