using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Functions;
using Platform.Testing;

namespace Platform.Gateway.Tests.Authorization.Jwt;

/// <summary>
/// A real function host (Kestrel, 127.0.0.1, free port) with one function, <c>echo</c>, that answers
/// <c>{"statusCode": 200, "body": "&lt;the event as it arrived&gt;"}</c>: valid for payload 1.0 and 2.0 alike.
/// </summary>
internal sealed class EventEchoHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EventEchoHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<EventEchoHost> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        builder.Services.AddFunctions();
        var app = builder.Build();
        app.MapFunction<JsonElement, JsonElement>("echo", static (e, _) =>
            JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["statusCode"] = 200, ["body"] = e.GetRawText() }));
        await app.StartAsync().WaitAsync(TestTimeouts.Default);
        return new EventEchoHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync();
    }
}
