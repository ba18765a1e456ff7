using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Gateway.TestBackend;

/// <summary>
/// Endpoints that count their invocations per caller-chosen tag, so a test can tell a response the backend made from
/// one a cache replayed: each response carries its invocation number.
/// </summary>
internal static class CountedEndpoints
{
    public static void MapCountedEndpoints(this IEndpointRouteBuilder app)
    {
        var counters = new ConcurrentDictionary<string, Counter>(StringComparer.Ordinal);
        var gates = new ConcurrentDictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
        Counter CounterOf(string tag) => counters.GetOrAdd(tag, static _ => new Counter());
        TaskCompletionSource GateOf(string name) => gates.GetOrAdd(name, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        // ANY /counted/{tag}/{**rest}: counts, then answers {"tag","n","method","path","query"} with X-Count: n. Query options:
        // status=404 (that status), cookie=1 (a Set-Cookie), cacheControl=no-store (that Cache-Control), bytes=N (N pattern
        // bytes instead of JSON; chunked=true leaves out Content-Length), gate=g (answers once POST /gates/g opened it).
        app.Map("/counted/{tag}/{**rest}", async (HttpContext context, string tag) =>
        {
            var n = CounterOf(tag).Increment();
            var query = context.Request.Query;
            if (query["gate"].ToString() is { Length: > 0 } gate)
            {
                await GateOf(gate).Task.WaitAsync(context.RequestAborted);
            }

            var response = context.Response;
            response.StatusCode = int.TryParse(query["status"], out var status) ? status : 200;
            response.Headers["X-Count"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["X-Backend"] = "counted";
            if (query["cookie"] == "1")
            {
                response.Headers.SetCookie = "session=" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (query["cacheControl"].ToString() is { Length: > 0 } cacheControl)
            {
                response.Headers.CacheControl = cacheControl;
            }

            if (long.TryParse(query["bytes"], out var bytes))
            {
                response.ContentType = "application/octet-stream";
                if (query["chunked"] != "true")
                {
                    response.ContentLength = bytes;
                }

                var buffer = new byte[64 * 1024];
                for (long sent = 0; sent < bytes;)
                {
                    var count = (int)Math.Min(buffer.Length, bytes - sent);
                    Pattern.Fill(buffer.AsSpan(0, count), sent);
                    await response.Body.WriteAsync(buffer.AsMemory(0, count), context.RequestAborted);
                    sent += count;
                }

                return;
            }

            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var question = target.IndexOf('?', StringComparison.Ordinal);
            await response.WriteAsJsonAsync(new CountedReport(tag, n, context.Request.Method, question < 0 ? target : target[..question],
                context.Request.QueryString.Value ?? ""), context.RequestAborted);
        });

        // GET /counts/{tag}?atLeast=N: {"n":count}, once the count is at least N (a long poll; default 0 answers at once).
        app.MapGet("/counts/{tag}", async (HttpContext context, string tag, int? atLeast) =>
        {
            var n = await CounterOf(tag).WaitUntilAsync(atLeast ?? 0, context.RequestAborted);
            return Results.Json(new { n });
        });

        // POST /gates/{name}: lets every request waiting on the gate (and any later one) answer.
        app.MapPost("/gates/{name}", (string name) =>
        {
            GateOf(name).TrySetResult();
            return Results.NoContent();
        });
    }

    internal sealed record CountedReport(string Tag, int N, string Method, string Path, string Query);

    private sealed class Counter
    {
        private readonly Lock _lock = new();
        private int _count;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Increment()
        {
            lock (_lock)
            {
                _count++;
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _count;
            }
        }

        public async Task<int> WaitUntilAsync(int atLeast, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    if (_count >= atLeast)
                    {
                        return _count;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(cancellationToken);
            }
        }
    }
}
