using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Platform.Functions.Tests.Hosting;

/// <summary>A real ASP.NET Core host on <see cref="TestServer"/> with the functions a test maps, and its client.</summary>
internal sealed class FunctionHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionHost(WebApplication app, LogCollector logs)
    {
        _app = app;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public LogCollector Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<FunctionHost> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var logs = new LogCollector();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddFunctions();

        var app = builder.Build();
        map(app);
        await app.StartAsync().WaitAsync(TestTimeouts.Default);
        return new FunctionHost(app, logs);
    }

    public Task<HttpResponseMessage> InvokeAsync(string function, string payload, string? invocationType = null) =>
        InvokeAsync(function, new StringContent(payload, new MediaTypeHeaderValue("application/json")), invocationType);

    public async Task<HttpResponseMessage> InvokeAsync(string function, HttpContent content, string? invocationType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FunctionInvokeProtocol.InvocationPath(function)) { Content = content };
        if (invocationType is not null)
        {
            request.Headers.Add(FunctionInvokeProtocol.InvocationTypeHeader, invocationType);
        }

        return await Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync();
    }
}
