using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Tests.Resilience;

public sealed class ResilienceHandlerTests : IAsyncLifetime
{
    private WebApplication _backend = null!;
    private int _calls;
    private readonly TaskCompletionSource _never = new();
    private readonly List<IHost> _clientHosts = [];

    /// <summary>The backend fails the first <see cref="_failures"/> calls of every route with 503.</summary>
    private int _failures;

    public async Task InitializeAsync()
    {
        _backend = TestHost.CreateBuilder().Build();
        _backend.Map("/flaky", (HttpContext context) =>
        {
            var call = Interlocked.Increment(ref _calls);
            return call <= _failures ? Results.StatusCode(503) : Results.Text($"ok after {call}");
        });
        _backend.Map("/hang-once", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                await _never.Task.WaitAsync(context.RequestAborted);
            }

            return Results.Text("ok");
        });
        await TestHost.StartAsync(_backend);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _clientHosts)
        {
            host.Dispose();
        }

        await _backend.DisposeAsync();
    }

    private HttpClient CreateClient(string attemptTimeout = "00:00:10")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["HttpClientDefaults:BaseDelay"] = "00:00:00.010";
        builder.Configuration["HttpClientDefaults:AttemptTimeout"] = attemptTimeout;
        builder.AddServiceDefaults();
        var host = builder.Build();
        _clientHosts.Add(host);
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        client.BaseAddress = _backend.Address();
        return client;
    }

    [Fact]
    public async Task Get_TransientFailures_RetriedUntilSuccess()
    {
        _failures = 2;
        using var client = CreateClient();

        using var response = await client.GetAsync(new Uri("/flaky", UriKind.Relative)).WaitAsync(TestHost.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _calls);
    }

    [Fact]
    public async Task Post_TransientFailure_NotRetried()
    {
        _failures = 1;
        using var client = CreateClient();

        using var response = await client.PostAsync(new Uri("/flaky", UriKind.Relative), new StringContent("{}")).WaitAsync(TestHost.Timeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task Put_StreamedBody_NotRetried()
    {
        _failures = 1;
        using var client = CreateClient();
        using var body = new StreamContent(new MemoryStream([1, 2, 3]));

        using var response = await client.PutAsync(new Uri("/flaky", UriKind.Relative), body).WaitAsync(TestHost.Timeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task Put_BufferedBody_Retried()
    {
        _failures = 1;
        using var client = CreateClient();

        using var response = await client.PutAsync(new Uri("/flaky", UriKind.Relative), new StringContent("{}")).WaitAsync(TestHost.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _calls);
    }

    [Fact]
    public async Task Get_AttemptTimesOut_RetriedOnANewAttempt()
    {
        using var client = CreateClient(attemptTimeout: "00:00:00.300");

        var answer = await client.GetStringAsync(new Uri("/hang-once", UriKind.Relative)).WaitAsync(TestHost.Timeout);

        Assert.Equal("ok", answer);
        Assert.Equal(2, _calls);
    }
}
