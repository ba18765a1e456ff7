using Platform.ConnectionHub.Connections;
using Platform.ConnectionHub.Events;
using Platform.ConnectionHub.Integrations;
using Platform.ConnectionHub.Management;
using Platform.ConnectionHub.Observability;
using Platform.ConnectionHub.Registry;
using Platform.ConnectionHub.Runtime;
using Platform.ConnectionHub.SignalR;
using Platform.Definitions;
using Platform.ServiceDefaults.Signing;

namespace Platform.ConnectionHub.Hosting;

/// <summary>Composition of the hub: <see cref="AddConnectionHub"/> for services, <see cref="MapConnectionHub"/> for endpoints.</summary>
internal static class ConnectionHubHostingExtensions
{
    /// <summary>Where the hub's own probes live, so no API stage can shadow them.</summary>
    public const string ProbePathBase = "/_hub";

    public static WebApplicationBuilder AddConnectionHub(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration[Microsoft.Extensions.Hosting.Extensions.ProbePathBaseKey] is null)
        {
            builder.Configuration.AddInMemoryCollection([new(Microsoft.Extensions.Hosting.Extensions.ProbePathBaseKey, ProbePathBase)]);
        }

        builder.WebHost.ConfigureKestrel(static kestrel => kestrel.AddServerHeader = false);
        var services = builder.Services;
        services.AddApiDefinitions<HubState>();
        services.AddConnectionRegistry();
        services.AddSigV4(builder.Configuration);
        services.AddSingleton<HubTelemetry>();
        services.AddSingleton<IntegrationInvoker>();
        services.AddSingleton<ConnectionEvents>();
        services.AddSingleton<LocalConnections>();
        services.AddSingleton<WebSocketEndpoint>();
        services.AddSingleton<ConnectionSweeper>();
        services.AddHostedService(static provider => provider.GetRequiredService<ConnectionSweeper>());
        services.AddHostedService<HubLifecycle>();
        services.AddSignalR(static options => options.MaximumReceiveMessageSize = WebSocketSettingsRuleLimit);
        return builder;
    }

    public static WebApplication MapConnectionHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Routing runs after the gateway's path mapping, so forwarded requests match the hub's own routes.
        app.UseMiddleware<ForwardedPathMiddleware>();
        app.UseRouting();
        app.UseWebSockets();
        app.MapConnectionsApi();
        app.MapHub<StageHub>("/{apiId}/{stage}/signalr");
        app.Map("/{apiId}/{stage}", static (HttpContext context, string apiId, string stage, WebSocketEndpoint endpoint) =>
            endpoint.HandleAsync(context, apiId, stage));
        return app;
    }

    // SignalR's own cap sits above every API's message limit; the hub enforces the API's.
    private const long WebSocketSettingsRuleLimit = 10 * 1024 * 1024 + 1024;
}
