using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Tests.Discovery;

public sealed class ServiceDiscoveryHttpClientTests
{
    [Fact]
    public async Task HttpClient_LogicalServiceAddress_ReachesTheConfiguredReplica()
    {
        await using var backend = TestHost.CreateBuilder().Build();
        backend.MapGet("/ping", (HttpContext context) => $"pong from {context.Request.Host}");
        await TestHost.StartAsync(backend);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["services:users:http:0"] = backend.Address().ToString();
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        var answer = await client.GetStringAsync(new Uri("http://users/ping")).WaitAsync(TestHost.Timeout);

        Assert.Equal($"pong from {backend.Address().Authority}", answer);
    }
}
