using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Signing;
using static Platform.ServiceDefaults.Tests.Signing.SigV4TestData;

namespace Platform.ServiceDefaults.Tests.Signing;

public sealed class SigV4RegistrationTests
{
    private static IHost Build(Dictionary<string, string?> settings, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSigV4();
        configure?.Invoke(builder);
        return builder.Build();
    }

    private static Dictionary<string, string?> DevCredentials() => new()
    {
        ["Platform:Credentials:0:AccessKeyId"] = AccessKeyId,
        ["Platform:Credentials:0:SecretAccessKey"] = SecretAccessKey,
    };

    [Fact]
    public void AddSigV4_Configuration_BindsCredentialListAndSettings()
    {
        var settings = DevCredentials();
        settings["Platform:Credentials:1:AccessKeyId"] = "AKIASECONDKEY0000000";
        settings["Platform:Credentials:1:SecretAccessKey"] = "second";
        settings["Platform:SigV4:Service"] = "custom-service";
        settings["Platform:SigV4:ClockSkew"] = "00:01:30";
        settings["Platform:SigV4:MaxPayloadBytes"] = "131072";
        using var host = Build(settings);

        var options = host.Services.GetRequiredService<IOptions<SigV4Options>>().Value;

        Assert.Equal([Credentials, new SigV4Credentials("AKIASECONDKEY0000000", "second")], options.Credentials);
        Assert.Equal("custom-service", options.Service);
        Assert.Equal(TimeSpan.FromSeconds(90), options.ClockSkew);
        Assert.Equal(131_072, options.MaxPayloadBytes);
        Assert.NotNull(host.Services.GetRequiredService<SigV4Verifier>());
    }

    [Fact]
    public void Options_Defaults_AsDocumented()
    {
        var options = new SigV4Options();

        Assert.Equal("execute-api", options.Service);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
        Assert.Equal(10 * 1024 * 1024, options.MaxPayloadBytes);
        Assert.False(options.AllowUnsignedPayload);
    }

    [Fact]
    public async Task AddSigV4_NoCredentialsAndBadSettings_StartFailsWithEveryError()
    {
        using var host = Build(new() { ["Platform:SigV4:ClockSkew"] = "-00:01:00", ["Platform:SigV4:Service"] = " " });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TestHost.Timeout));

        Assert.Contains(failure.Failures, f => f.StartsWith("Platform:Credentials: no credentials are configured", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Platform:SigV4:ClockSkew must be positive", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Platform:SigV4:Service must name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddSigV4_IncompleteAndDuplicateCredentials_StartFailsNamingEachEntry()
    {
        var settings = DevCredentials();
        settings["Platform:Credentials:1:AccessKeyId"] = AccessKeyId;
        settings["Platform:Credentials:1:SecretAccessKey"] = "x";
        settings["Platform:Credentials:2:AccessKeyId"] = "AKIATHIRD";
        using var host = Build(settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TestHost.Timeout));

        Assert.Equal(
            [$"Platform:Credentials:1:AccessKeyId '{AccessKeyId}' is configured more than once.", "Platform:Credentials:2:SecretAccessKey is missing."],
            failure.Failures);
    }

    [Fact]
    public void Credentials_ToString_HidesSecret()
    {
        var text = Credentials.ToString();

        Assert.Contains(AccessKeyId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretAccessKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSigV4Signing_FactoryClient_RequestsVerifiedByServer()
    {
        await using var server = await SigV4TestServer.StartAsync();
        using var host = Build(DevCredentials(), builder => builder.Services.AddHttpClient("connections").AddSigV4Signing());
        using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("connections");

        using var response = await client.PostAsync(server.Url(ConnectionPath), new StringContent("hello")).WaitAsync(TestHost.Timeout);

        var seen = server.Single();
        Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
        Assert.Equal("hello", seen.Body);
        Assert.Contains("/us-east-1/execute-api/aws4_request", seen.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSigV4Signing_UnknownAccessKeyId_ClientCreationFails()
    {
        using var host = Build(DevCredentials(), builder => builder.Services.AddHttpClient("connections").AddSigV4Signing(accessKeyId: "AKIANOPE"));

        var failure = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("connections"));

        Assert.Contains("AKIANOPE", failure.Message, StringComparison.Ordinal);
    }
}
