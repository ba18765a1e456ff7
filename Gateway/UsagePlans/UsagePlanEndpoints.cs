using Platform.Gateway.Hosting;

namespace Platform.Gateway.UsagePlans;

/// <summary>The gateway's own usage-plan endpoints, under its probe prefix (<c>/_gateway</c> unless configured).</summary>
public static class UsagePlanEndpoints
{
    /// <summary>The route of AWS's GetUsage below the prefix.</summary>
    public const string UsagePattern = "/usageplans/{usagePlanId}/usage";

    /// <summary>
    /// Maps <c>GET {prefix}/usageplans/{usagePlanId}/usage</c> (<see cref="UsageReportEndpoint"/>), so that
    /// <c>aws apigateway get-usage --endpoint-url http://host:port/_gateway</c> reads the usage report. Needs
    /// <see cref="UsagePlanServiceCollectionExtensions.AddUsagePlans"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapUsagePlans(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        var prefix = (configuration[Microsoft.Extensions.Hosting.Extensions.ProbePathBaseKey] ?? GatewayHostingExtensions.ProbePathBase).TrimEnd('/');
        return endpoints.MapGet(prefix + UsagePattern,
            static context => context.RequestServices.GetRequiredService<UsageReportEndpoint>().HandleAsync(context));
    }
}
