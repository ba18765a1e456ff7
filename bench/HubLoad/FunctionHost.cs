using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.HubLoad;

/// <summary>
/// The <c>$connect</c> function of the bench API, served by the tool itself through the function invoke contract
/// (<c>POST /2015-03-31/functions/{name}/invocations</c>): it accepts every connection and, for a handshake whose
/// URL carried <c>?n={index}</c>, remembers the connection id the hub assigned, so the tool can address that socket.
/// </summary>
internal sealed class FunctionHost : IAsyncDisposable
{
    private static readonly byte[] Accepted = """{"statusCode":200}"""u8.ToArray();

    private readonly ConcurrentDictionary<int, string> _ids = new();
    private readonly WebApplication _app;
    private long _invocations;

    private FunctionHost(WebApplication app) => _app = app;

    public long Invocations => Interlocked.Read(ref _invocations);

    public static async Task<FunctionHost> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        var host = new FunctionHost(app);
        app.MapPost("/2015-03-31/functions/{name}/invocations", host.InvokeAsync);
        await app.StartAsync().ConfigureAwait(false);
        return host;
    }

    /// <summary>The connection id of the socket opened with <c>?n={index}</c>, known once its handshake completed.</summary>
    public string? IdOf(int index) => _ids.GetValueOrDefault(index);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task InvokeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _invocations);
        using (var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false))
        {
            var root = document.RootElement;
            if (root.TryGetProperty("queryStringParameters", out var query) && query.ValueKind == JsonValueKind.Object
                && query.TryGetProperty("n", out var n) && int.TryParse(n.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && root.GetProperty("requestContext").GetProperty("connectionId").GetString() is { } id)
            {
                _ids[index] = id;
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Accepted, context.RequestAborted).ConfigureAwait(false);
    }
}
