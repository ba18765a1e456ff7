using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Tests.Telemetry;

public sealed class OtlpSettingsTests
{
    private static OtlpSettings Parse(params (string Key, string Value)[] settings) => OtlpSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
        new Environment());

    [Fact]
    public void From_NothingSet_ExportOffAndNamesFromApplication()
    {
        var settings = Parse();

        Assert.False(settings.IsEnabled);
        Assert.Equal("test-app", settings.ServiceName);
        Assert.Equal($"{System.Environment.MachineName}-{System.Environment.ProcessId}", settings.InstanceId);
    }

    [Theory]
    [InlineData("http/protobuf", "http://127.0.0.1:4318/v1/traces")]
    [InlineData("grpc", "http://127.0.0.1:4318/")]
    [InlineData("", "http://127.0.0.1:4318/")]
    public void SignalEndpoint_ByProtocol_AppendsSignalPathForHttpOnly(string protocol, string expected)
    {
        var settings = Parse(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"), ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol));

        Assert.True(settings.IsEnabled);
        Assert.Equal(expected, settings.SignalEndpoint("traces").ToString());
    }

    [Fact]
    public void From_ResourceAttributes_TakesInstanceIdAndServiceName()
    {
        var settings = Parse(
            ("OTEL_SERVICE_NAME", "users"),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=dev, service.instance.id=users-1"));

        Assert.Equal("users", settings.ServiceName);
        Assert.Equal("users-1", settings.InstanceId);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not-a-uri")]
    public void From_InvalidValue_ThrowsNamingTheVariable(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Parse((key, value)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";

        public string ApplicationName { get; set; } = "test-app";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
