using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Discovery;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Redis;
using Platform.ServiceDefaults.Resilience;
using Platform.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every Platform process starts from (the Aspire ServiceDefaults shape): OpenTelemetry,
/// health probes, service discovery, HttpClient resilience and the Redis connection or embedded mode.
/// </summary>
public static class Extensions
{
    /// <summary>Readiness probe: every registered health check.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Liveness probe: only checks tagged <see cref="LiveTag"/>.</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Tag of the health checks that decide liveness.</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// Configuration key of a path prefix for both probes (default none). A process whose root paths belong to
    /// its users — the gateway, where an API may own <c>GET /health</c> — moves its probes under a prefix of its own.
    /// </summary>
    public const string ProbePathBaseKey = "Platform:ProbePathBase";

    /// <summary>The probe paths under <see cref="ProbePathBaseKey"/>: readiness, then liveness.</summary>
    public static (string Health, string Alive) ProbePaths(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var pathBase = (configuration[ProbePathBaseKey] ?? "").TrimEnd('/');
        return (pathBase + HealthEndpointPath, pathBase + AlivenessEndpointPath);
    }

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddPlatformRedis();
        builder.Services.AddServiceDiscovery();
        builder.Services.AddHttpClientResilience(builder.Configuration);
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Resilience wraps discovery so that every retry resolves the next replica.
            http.AddHttpMessageHandler<ResilienceHandler>();
            http.AddHttpMessageHandler<ServiceDiscoveryHandler>();
        });
        builder.Services.AddAppHostLifetimeLink(builder.Configuration);

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddSingleton<IStartupFilter, RequestTracingStartupFilter>();
        builder.AddPlatformTelemetry();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Both probes are always mapped: the AppHost and Kubernetes poll them in every environment.
        var (health, alive) = ProbePaths(app.Configuration);
        app.MapHealthChecks(health);
        app.MapHealthChecks(alive, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
        });
        return app;
    }
}
