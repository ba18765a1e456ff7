using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.ConnectionHub.Tests.Infrastructure;

/// <summary>
/// The functions behind the test WebSocket APIs, a real Kestrel server on a free loopback port speaking the
/// function invoke contract. Every event is recorded; each function answers as its name says:
/// <c>connect</c> (rejects with <c>?reject=N</c>, picks the first offered subprotocol), <c>echo</c> (answers the
/// message body), <c>whoami</c> (answers the connection id), <c>fail</c> (a function error), <c>disconnect</c>.
/// </summary>
public sealed class FunctionsBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly Channel<JsonElement> _arrivals = Channel.CreateUnbounded<JsonElement>();

    private FunctionsBackend(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<JsonElement> Events => _events;

    public static async Task<FunctionsBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var backend = new FunctionsBackend(app);
        app.MapPost("/2015-03-31/functions/{name}/invocations", backend.InvokeAsync);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        backend.BaseAddress = new Uri(address);
        return backend;
    }

    /// <summary>Waits for an event matching <paramref name="predicate"/> (already recorded or arriving later).</summary>
    public async Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        foreach (var recorded in _events)
        {
            if (predicate(recorded))
            {
                return recorded;
            }
        }

        while (true)
        {
            var next = await _arrivals.Reader.ReadAsync(cts.Token);
            if (predicate(next))
            {
                return next;
            }
        }
    }

    public int Count(Func<JsonElement, bool> predicate) => _events.Count(predicate);

    public static bool Is(JsonElement e, string eventType, string? connectionId = null) =>
        e.GetProperty("requestContext").GetProperty("eventType").GetString() == eventType
        && (connectionId is null || e.GetProperty("requestContext").GetProperty("connectionId").GetString() == connectionId);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }

    private async Task InvokeAsync(HttpContext context, string name)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var @event = document.RootElement.Clone();
        _events.Enqueue(@event);
        _arrivals.Writer.TryWrite(@event);
        var requestContext = @event.GetProperty("requestContext");
        var connectionId = requestContext.GetProperty("connectionId").GetString();
        object result = name switch
        {
            "connect" => Connect(@event),
            "echo" => new { statusCode = 200, body = @event.TryGetProperty("body", out var body) ? body.GetString() : null },
            "whoami" => new { statusCode = 200, body = JsonSerializer.Serialize(new { connectionId }) },
            "traceparent" => new { statusCode = 200, body = context.Request.Headers["traceparent"].ToString() },
            _ => new { statusCode = 200 },
        };

        if (name == "fail")
        {
            context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
            await context.Response.WriteAsJsonAsync(new { errorMessage = "boom", errorType = "Exception" });
            return;
        }

        await context.Response.WriteAsJsonAsync(result);
    }

    private static object Connect(JsonElement @event)
    {
        var query = @event.TryGetProperty("queryStringParameters", out var q) && q.ValueKind == JsonValueKind.Object ? q : default;
        if (query.ValueKind == JsonValueKind.Object && query.TryGetProperty("reject", out var reject))
        {
            return new { statusCode = int.Parse(reject.GetString()!, System.Globalization.CultureInfo.InvariantCulture), body = """{"message":"rejected by $connect"}""" };
        }

        var headers = new Dictionary<string, string> { ["X-Connect"] = "ok" };
        if (@event.GetProperty("headers").TryGetProperty("Sec-WebSocket-Protocol", out var offered))
        {
            headers["Sec-WebSocket-Protocol"] = offered.GetString()!.Split(',')[0].Trim();
        }

        return new { statusCode = 200, headers };
    }
}
