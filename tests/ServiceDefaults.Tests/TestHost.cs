using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Tests;

/// <summary>Small real Kestrel hosts on loopback for the tests: backends, collectors, apps under test.</summary>
internal static class TestHost
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        return builder;
    }

    public static async Task<WebApplication> StartAsync(WebApplication app)
    {
        await app.StartAsync().WaitAsync(Timeout);
        return app;
    }

    public static Uri Address(this WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
}
