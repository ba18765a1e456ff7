using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// Opt-in registration of SigV4: not part of <c>AddServiceDefaults</c>, since only the processes that accept or
/// make AWS-signed calls need credentials.
/// </summary>
public static class SigV4Extensions
{
    /// <summary>
    /// Registers <see cref="SigV4Options"/> (from <see cref="SigV4Options.SectionName"/> and the credential list in
    /// <see cref="SigV4Options.CredentialsSectionName"/>, validated at startup), <see cref="SigV4Verifier"/> and
    /// <see cref="TimeProvider.System"/> unless a clock is registered already.
    /// </summary>
    public static IServiceCollection AddSigV4(this IServiceCollection services, IConfiguration configuration,
        Action<SigV4Options>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var optionsBuilder = services.AddOptions<SigV4Options>()
            .Bind(configuration.GetSection(SigV4Options.SectionName))
            .Configure(options => ReadCredentials(configuration.GetSection(SigV4Options.CredentialsSectionName), options));
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigV4Options>, SigV4OptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigV4Verifier>();
        return services;
    }

    /// <inheritdoc cref="AddSigV4(IServiceCollection, IConfiguration, Action{SigV4Options}?)"/>
    public static TBuilder AddSigV4<TBuilder>(this TBuilder builder, Action<SigV4Options>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddSigV4(builder.Configuration, configure);
        return builder;
    }

    /// <summary>
    /// Signs every request of this client with SigV4, as botocore would, using the configured credential whose id is
    /// <paramref name="accessKeyId"/> (default: the first). Add it after other handlers so the address it signs is the
    /// one sent, and inside retries so each attempt carries a fresh date. Requires <see cref="AddSigV4(IServiceCollection, IConfiguration, Action{SigV4Options}?)"/>.
    /// </summary>
    /// <param name="region">Region of the credential scope; default <c>us-east-1</c>.</param>
    /// <param name="service">Service of the credential scope; default <see cref="SigV4Options.Service"/>.</param>
    public static IHttpClientBuilder AddSigV4Signing(this IHttpClientBuilder builder, string region = "us-east-1",
        string? service = null, string? accessKeyId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(region);

        return builder.AddHttpMessageHandler(services =>
        {
            var options = services.GetRequiredService<IOptions<SigV4Options>>().Value;
            var credentials = options.Credentials.FirstOrDefault(c => accessKeyId is null || c.AccessKeyId == accessKeyId)
                ?? throw new InvalidOperationException(
                    $"{SigV4Options.CredentialsSectionName} has no credential with AccessKeyId '{accessKeyId}' to sign with.");
            var signer = new SigV4Signer(credentials, region, service ?? options.Service, services.GetRequiredService<TimeProvider>());
            return new SigV4SigningHandler(signer);
        });
    }

    /// <summary>Read by hand rather than bound, so an incomplete entry reaches the validator instead of throwing in the binder.</summary>
    private static void ReadCredentials(IConfigurationSection section, SigV4Options options)
    {
        foreach (var entry in section.GetChildren())
        {
            options.Credentials.Add(new SigV4Credentials(entry["AccessKeyId"] ?? "", entry["SecretAccessKey"] ?? ""));
        }
    }
}
