namespace Platform.Gateway.TestBackend;

/// <summary>Slow, resetting and truncating endpoints, and the log of requests whose client went away.</summary>
internal static class FailureEndpoints
{
    public static void MapFailureEndpoints(this IEndpointRouteBuilder app)
    {
        // GET /delay/{ms}?tag=t: answers after ms milliseconds; a client that leaves first is counted under the tag.
        app.MapGet("/delay/{ms:int}", async (HttpContext context, int ms, string? tag, RequestLog log) =>
        {
            tag ??= "";
            log.Started(tag);
            try
            {
                await Task.Delay(ms, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                log.Aborted(tag);
                return Results.Empty;
            }

            return Results.Text("done");
        });

        // GET /slow-body/{ms}: sends the headers at once and the body ("late") after ms milliseconds.
        app.MapGet("/slow-body/{ms:int}", async (HttpContext context, int ms) =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(ms, context.RequestAborted);
            await context.Response.WriteAsync("late", context.RequestAborted);
        });

        // GET /aborts?tag=t: {"started":n,"aborted":m} for the tag.
        app.MapGet("/aborts", (string? tag, RequestLog log) => Results.Json(log.Of(tag ?? "")));

        // GET /reset: drops the connection without answering.
        app.MapGet("/reset", (HttpContext context) => context.Abort());

        // GET /truncate: promises 1 MB, sends 64 KB, then drops the connection.
        app.MapGet("/truncate", async (HttpContext context) =>
        {
            context.Response.ContentLength = 1024 * 1024;
            var chunk = new byte[64 * 1024];
            Pattern.Fill(chunk, 0);
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
        });
    }
}
