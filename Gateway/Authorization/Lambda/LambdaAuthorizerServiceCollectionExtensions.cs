using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Gateway.Authorization.Lambda;

public static class LambdaAuthorizerServiceCollectionExtensions
{
    /// <summary>
    /// REQUEST and TOKEN authorizers for <see cref="AccessControl"/>, and the process's authorizer result cache
    /// (sized by <see cref="LambdaAuthorizerOptions"/>, section <c>Gateway:LambdaAuthorizers</c>). Uses the gateway's
    /// <c>IntegrationHttpClient</c> and <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddLambdaAuthorizers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LambdaAuthorizerOptions>().BindConfiguration(LambdaAuthorizerOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuthorizerResultCache>();
        services.TryAddSingleton<AuthorizerFunctionInvoker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRouteAuthorizer, LambdaAuthorizer>());
        return services;
    }
}
