using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Tests.Telemetry;

/// <summary>
/// A real OTLP/HTTP endpoint (a Kestrel app recording what it receives) and a real app exporting to it. Activity
/// listeners are process-wide, so these tests run alone: a concurrent test's HttpClient call to /health would
/// otherwise be recorded by this test's tracer provider.
/// </summary>
[Collection(OtlpExportCollection.Name)]
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private WebApplication _collector = null!;

    public async Task InitializeAsync()
    {
        _collector = TestHost.CreateBuilder().Build();
        _collector.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _received.Enqueue(($"/v1/{signal}", body.ToArray()));
            return Results.Ok();
        });
        await TestHost.StartAsync(_collector);
    }

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    [Fact]
    public async Task AddServiceDefaults_NoEndpointVariable_RegistersNoProviders()
    {
        await using var app = TestHost.CreateBuilder().AddServiceDefaults().Build();

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task AddServiceDefaults_EndpointSet_ExportsRequestSpansButNotProbes()
    {
        var builder = TestHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Address().ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "otlp-test-service",
        }).AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/hello/{name}", (string name) => $"hello {name}");
        await TestHost.StartAsync(app);

        // Raw sockets, not HttpClient: a client span of this very process would carry the paths too.
        Assert.StartsWith("HTTP/1.1 200", await RawGetAsync(app.Address(), "/health"), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await RawGetAsync(app.Address(), "/alive"), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await RawGetAsync(app.Address(), "/hello/world"), StringComparison.Ordinal);
        await app.StopAsync().WaitAsync(TestHost.Timeout); // flushes the providers
        await app.DisposeAsync();

        var traces = string.Concat(_received.Where(r => r.Path == "/v1/traces").Select(r => Encoding.UTF8.GetString(r.Body)));
        Assert.Contains("/hello/world", traces, StringComparison.Ordinal);
        Assert.Contains("/hello/{name}", traces, StringComparison.Ordinal);
        Assert.Contains("otlp-test-service", traces, StringComparison.Ordinal);
        Assert.DoesNotContain("/health", traces, StringComparison.Ordinal);
        Assert.DoesNotContain("/alive", traces, StringComparison.Ordinal);
        Assert.Contains(_received, r => r.Path == "/v1/metrics");
    }

    private static async Task<string> RawGetAsync(Uri server, string path)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port).WaitAsync(TestHost.Timeout);
        var stream = tcp.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request).AsTask().WaitAsync(TestHost.Timeout);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TestHost.Timeout);
    }
}
