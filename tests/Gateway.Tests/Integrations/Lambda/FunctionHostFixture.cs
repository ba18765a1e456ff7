using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Functions;
using Platform.Gateway.Integrations;
using Platform.ServiceDefaults.Discovery;
using Platform.Testing;

namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>
/// A real function host (Kestrel on a free loopback port, <c>AddFunctions</c> + <c>MapFunction</c>) known to service
/// discovery as <c>http://functions</c>, with the functions the handler tests call:
/// <list type="bullet">
/// <item><c>echo-v1</c>, <c>echo-v2</c>: answer 201/200 with the event they received as the body, plus headers and cookies;</item>
/// <item><c>raw</c>: answers the event's body as its own output, so a test chooses exactly what the function returns;</item>
/// <item><c>fails</c>: throws (an <c>Unhandled</c> function error);</item>
/// <item><c>waits</c>: signals <see cref="Started"/> for the event's <c>wait</c> query value, then waits on its cancellation token.</item>
/// </list>
/// <c>POST .../functions/oversize/invocations</c> is a plain endpoint that answers 200 with more than the invoke limit.
/// </summary>
public sealed class FunctionHostFixture : IAsyncLifetime
{
    public const string ServiceUri = "http://functions";

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri Address { get; } = new($"http://127.0.0.1:{FreePort.Next()}");

    /// <summary>Completes when the <c>waits</c> function has started for the request whose query has <c>wait=<paramref name="id"/></c>.</summary>
    public Task Started(string id) => _started.GetOrAdd(id, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>A client of the gateway's outbound stack that resolves <see cref="ServiceUri"/> to this host.</summary>
    public IntegrationHttpClient CreateClient()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:functions:http:0"] = Address.ToString() })
            .Build();
        return new IntegrationHttpClient(new ServiceEndpointResolver(configuration));
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Address.ToString());
        builder.Logging.ClearProviders();
        builder.Services.AddFunctions();
        var app = builder.Build();

        app.MapFunction<APIGatewayProxyRequest, APIGatewayProxyResponse>("echo-v1", static (e, _) => new APIGatewayProxyResponse(201)
        {
            Headers = new() { ["Content-Type"] = "application/json", ["X-Function"] = "echo-v1" },
            MultiValueHeaders = new() { ["Set-Cookie"] = ["a=1", "b=2"] },
            Body = JsonSerializer.Serialize(e, FunctionJsonContext.Wire.APIGatewayProxyRequest),
        });
        app.MapFunction<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>("echo-v2", static (e, _) => new APIGatewayHttpApiV2ProxyResponse(200)
        {
            Headers = new() { ["content-type"] = "application/json", ["x-function"] = "echo-v2" },
            Cookies = ["a=1; Path=/", "b=2"],
            Body = JsonSerializer.Serialize(e, FunctionJsonContext.Wire.APIGatewayHttpApiV2ProxyRequest),
        });
        app.MapFunction<JsonElement, JsonElement>("raw", static (e, _) => JsonDocument.Parse(e.GetProperty("body").GetString()!).RootElement.Clone());
        app.MapFunction<JsonElement, JsonElement>("fails", static JsonElement (JsonElement _, FunctionContext _) => throw new InvalidOperationException("boom"));
        app.MapFunction<JsonElement, JsonElement>("waits", async (e, context) =>
        {
            var id = e.GetProperty("queryStringParameters").GetProperty("wait").GetString()!;
            _started.GetOrAdd(id, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return e;
        });
        app.MapPost(FunctionInvokeProtocol.InvocationPath("oversize"), static (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.Body.WriteAsync(new byte[FunctionInvokeProtocol.MaxPayloadBytes + 1], context.RequestAborted).AsTask();
        });

        await app.StartAsync().WaitAsync(TestTimeouts.Default);
        _app = app;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(TestTimeouts.Default);
            await _app.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        }
    }
}
