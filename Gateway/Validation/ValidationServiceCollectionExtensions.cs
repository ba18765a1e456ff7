using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Gateway.Validation;

/// <summary>Composition of request validation.</summary>
public static class ValidationServiceCollectionExtensions
{
    /// <summary>Registers the request validator the pipeline calls after access control.</summary>
    public static IHostApplicationBuilder AddRequestValidation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<RequestValidator>();
        return builder;
    }
}
