using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Gateway.Integrations;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Runtime;
using Platform.Gateway.Throttling;
using Platform.Gateway.UsagePlans;
using Platform.Gateway.Validation;
using Platform.Gateway.WebSockets;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Hosting;

/// <summary>Composition of the gateway: <see cref="AddGateway"/> for services, <see cref="UseGateway"/> for the pipeline.</summary>
internal static class GatewayHostingExtensions
{
    /// <summary>Where the gateway's own <c>/health</c> and <c>/alive</c> probes live.</summary>
    public const string ProbePathBase = "/_gateway";

    /// <summary>Kestrel limits, request limits, the live definition state, integrations, ConnectionHub forwarding and telemetry.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // API routes own the root paths (an API may serve GET /health), so the gateway's probes live under a
        // prefix of their own unless configuration says otherwise. Set in code: appsettings.json is found only
        // when the content root is the gateway's directory.
        if (builder.Configuration[Microsoft.Extensions.Hosting.Extensions.ProbePathBaseKey] is null)
        {
            builder.Configuration.AddInMemoryCollection([new(Microsoft.Extensions.Hosting.Extensions.ProbePathBaseKey, ProbePathBase)]);
        }

        var limits = builder.Configuration.GetSection(GatewayOptions.SectionName);
        builder.Services.Configure<GatewayOptions>(limits);
        var options = limits.Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            // Kestrel's limits sit above the gateway's own, so the gateway answers with AWS's bodies and its
            // request ids (Kestrel would answer a bare 413/414/431).
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = Math.Max(options.MaxUrlLength * 2, 16 * 1024);
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(options.MaxRequestHeaderBytes * 4, 64 * 1024);
        });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<GatewayState>();
        builder.Services.TryAddSingleton<IntegrationHttpClient>();
        builder.Services.TryAddSingleton<GatewayTelemetry>();
        builder.Services.TryAddSingleton<AccessLogWriter>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationHandler, Integrations.Lambda.AwsProxyIntegration>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationHandler, Integrations.Http.HttpProxyIntegration>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationHandler, Integrations.Mock.MockIntegration>());

        // Access control: authorizers, SigV4 for AWS_IAM routes (only when credentials are configured; an AWS_IAM
        // route without them answers 500 and says why), resource policies, API keys and usage plans.
        builder.Services.TryAddSingleton<Authorization.AccessControl>();
        Authorization.Jwt.JwtAuthorizerExtensions.AddJwtAuthorizer(builder.Services);
        Authorization.Lambda.LambdaAuthorizerServiceCollectionExtensions.AddLambdaAuthorizers(builder.Services);
        builder.AddUsagePlans();
        builder.AddThrottling();
        builder.AddRequestValidation();

        // The per-stage response cache, between access control and the integration.
        Caching.ResponseCacheServiceCollectionExtensions.AddResponseCache(builder);
        Waf.WafServiceCollectionExtensions.AddWaf(builder);
        if (builder.Configuration.GetSection(Platform.ServiceDefaults.Signing.SigV4Options.CredentialsSectionName).GetChildren().Any())
        {
            Platform.ServiceDefaults.Signing.SigV4Extensions.AddSigV4(builder.Services, builder.Configuration);
        }

        // WEBSOCKET APIs: forwarded to the ConnectionHub, upgrades as tunnels.
        builder.Services.AddOptions<HubForwardingOptions>().Bind(builder.Configuration.GetSection(HubForwardingOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<HubForwardingOptions>, HubForwardingOptionsValidator>());
        builder.Services.TryAddSingleton<WebSocketTunnel>();
        builder.Services.TryAddSingleton<HubForwarder>();
        return builder;
    }

    /// <summary>The data plane: serves every request the gateway's own endpoints do not.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<GatewayMiddleware>();
        return app;
    }
}
