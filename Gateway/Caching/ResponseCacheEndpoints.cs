using Platform.Gateway.Hosting;

namespace Platform.Gateway.Caching;

/// <summary>The response cache's management endpoint, under the gateway's probe prefix (<c>/_gateway</c> unless configured).</summary>
public static class ResponseCacheEndpoints
{
    /// <summary>The route of AWS's FlushStageCache below the prefix.</summary>
    public const string FlushPattern = "/restapis/{restApiId}/stages/{stageName}/cache/data";

    /// <summary>
    /// Maps <c>DELETE {prefix}/restapis/{restApiId}/stages/{stageName}/cache/data</c> (<see cref="FlushStageCacheEndpoint"/>),
    /// so that <c>aws apigateway flush-stage-cache --endpoint-url http://host:port/_gateway</c> flushes a stage's cache.
    /// Needs <see cref="ResponseCacheServiceCollectionExtensions.AddResponseCache"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapResponseCache(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        var prefix = (configuration[Microsoft.Extensions.Hosting.Extensions.ProbePathBaseKey] ?? GatewayHostingExtensions.ProbePathBase).TrimEnd('/');
        return endpoints.MapDelete(prefix + FlushPattern,
            static context => context.RequestServices.GetRequiredService<FlushStageCacheEndpoint>().HandleAsync(context));
    }
}
