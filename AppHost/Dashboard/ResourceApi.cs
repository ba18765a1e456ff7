using System.Text.Json;
using Platform.AppHost.Orchestration;

namespace Platform.AppHost.Dashboard;

/// <summary>
/// The dashboard's data source, loopback only. <c>GET /api/resources</c> lists every instance with its state,
/// health, endpoints, pid and restart count; <c>GET /api/resources/watch</c> streams the same list as
/// server-sent events, one event now and one after every change.
/// </summary>
internal static class ResourceApi
{
    public static async Task<WebApplication> StartAsync(int port, Orchestrator orchestrator, ChangeSignal changes, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        builder.Logging.ClearProviders();

        var app = builder.Build();
        app.MapGet("/api/resources", () => TypedResults.Json(orchestrator.Snapshot(), AppHostJsonContext.Default.IReadOnlyListResourceSnapshot));
        app.MapGet("/api/resources/watch", (HttpContext context, IHostApplicationLifetime lifetime) => WatchAsync(context, lifetime, orchestrator, changes));
        app.MapGet("/", () => TypedResults.Text("Platform AppHost. Resources: GET /api/resources, GET /api/resources/watch (server-sent events)\n"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    private static async Task WatchAsync(HttpContext context, IHostApplicationLifetime lifetime, Orchestrator orchestrator, ChangeSignal changes)
    {
        // Streams end when the client leaves or the AppHost stops, so that shutdown never waits on a watcher.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ended.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                // Take the wait before the snapshot, so that a change between the two is never missed.
                var next = changes.NextAsync(aborted);
                var json = JsonSerializer.Serialize(orchestrator.Snapshot(), AppHostJsonContext.Default.IReadOnlyListResourceSnapshot);
                await context.Response.WriteAsync($"data: {json}\n\n", aborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                await next.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
    }
}
