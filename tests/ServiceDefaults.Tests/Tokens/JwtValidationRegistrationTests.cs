using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Tokens;

namespace Platform.ServiceDefaults.Tests.Tokens;

/// <summary><c>AddJwtValidation</c>: one validator per process, options from <c>Platform:Jwt</c>, bad settings stop the start.</summary>
public sealed class JwtValidationRegistrationTests
{
    [Fact]
    public void AddJwtValidation_Settings_BoundFromPlatformJwt()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Platform:Jwt:FetchTimeout"] = "00:00:03",
            ["Platform:Jwt:MinRefreshInterval"] = "00:00:00",
            ["Platform:Jwt:TokenCacheSize"] = "7",
        });

        var options = services.GetRequiredService<IOptions<JwtValidatorOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(3), options.FetchTimeout);
        Assert.Equal(TimeSpan.Zero, options.MinRefreshInterval);
        Assert.Equal(7, options.TokenCacheSize);
        Assert.Equal(150_000, options.MaxDocumentBytes);
        Assert.Same(services.GetRequiredService<JwtValidator>(), services.GetRequiredService<JwtValidator>());
    }

    [Fact]
    public async Task AddJwtValidation_BadSettings_StartFailsWithEveryKeyNamed()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:Jwt:FetchTimeout"] = "00:00:00",
            ["Platform:Jwt:MaxDocumentBytes"] = "0",
            ["Platform:Jwt:TokenCacheSize"] = "-1",
            ["Platform:Jwt:MinRefreshInterval"] = "-00:00:01",
        });
        builder.Services.AddJwtValidation();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TestHost.Timeout));

        Assert.Equal(
            [
                "Platform:Jwt:FetchTimeout must be positive",
                "Platform:Jwt:MinRefreshInterval must not be negative",
                "Platform:Jwt:MaxDocumentBytes must be positive",
                "Platform:Jwt:TokenCacheSize must not be negative (0 turns the cache off)",
            ],
            error.Failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddJwtValidation();
        return services.BuildServiceProvider();
    }
}
