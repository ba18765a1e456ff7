using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Functions;
using Platform.Samples.Functions;

namespace Platform.Samples;

/// <summary>Composition of the Samples service: <see cref="AddSamples"/> for services, <see cref="MapSampleFunctions"/> for the functions.</summary>
internal static class SamplesHostingExtensions
{
    /// <summary>Registers the function host, the clock, the <see cref="SamplesOptions"/> (validated at start) and the functions.</summary>
    public static IHostApplicationBuilder AddSamples(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddFunctions();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // A bad Samples:SlowDelay (not a TimeSpan, or out of range) stops the start, not the first call to slow.
        builder.Services.AddOptions<SamplesOptions>()
            .Bind(builder.Configuration.GetSection(SamplesOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SamplesOptions>, SamplesOptionsValidator>());
        builder.Services.TryAddSingleton<SlowFunction>();
        builder.Services.TryAddSingleton<CatalogFunction>();
        return builder;
    }

    /// <summary>Maps echo and slow: any event in (raw JSON, payload 1.0 or 2.0), a proxy response out.</summary>
    public static IEndpointRouteBuilder MapSampleFunctions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var slow = endpoints.ServiceProvider.GetRequiredService<SlowFunction>();
        var catalog = endpoints.ServiceProvider.GetRequiredService<CatalogFunction>();
        return endpoints
            .MapFunction<JsonElement, APIGatewayHttpApiV2ProxyResponse>(EchoFunction.Name, EchoFunction.Handle)
            .MapFunction<JsonElement, APIGatewayHttpApiV2ProxyResponse>(SlowFunction.Name, slow.HandleAsync)
            .MapFunction<JsonElement, APIGatewayHttpApiV2ProxyResponse>(CatalogFunction.Name, catalog.Handle);
    }
}
