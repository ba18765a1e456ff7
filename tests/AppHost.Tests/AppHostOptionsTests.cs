using Platform.AppHost.Hosting;

namespace Platform.AppHost.Tests;

public sealed class AppHostOptionsTests
{
    private static AppHostOptions Parse(string[] args, out IReadOnlyList<string> errors, string? otlpFromEnvironment = null) =>
        AppHostOptions.Parse(args, "/repo/.platform", otlpFromEnvironment, out errors);

    [Fact]
    public void Parse_NoArguments_Defaults()
    {
        var options = Parse([], out var errors);

        Assert.Empty(errors);
        Assert.Equal(8080, options.GatewayPort);
        Assert.Equal(18888, options.DashboardPort);
        Assert.Equal("/repo/.platform", options.StateDirectory);
        Assert.Null(options.RedisConnectionString);
        Assert.False(options.Embedded);
        Assert.Null(options.OtlpEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(10), options.StopTimeout);
    }

    [Fact]
    public void Parse_EveryOption_Applied()
    {
        var options = Parse(
            ["--gateway-port", "9090", "--dashboard-port", "19999", "--redis", "10.0.0.5:6380,password=x",
             "--state-dir", "/tmp/state", "--otlp-endpoint", "http://127.0.0.1:4318", "--stop-timeout", "2.5",
             "--apis", "/tmp/apis"],
            out var errors);

        Assert.Empty(errors);
        Assert.Equal(9090, options.GatewayPort);
        Assert.Equal(19999, options.DashboardPort);
        Assert.Equal("10.0.0.5:6380,password=x", options.RedisConnectionString);
        Assert.Equal("/tmp/state", options.StateDirectory);
        Assert.Equal(new Uri("http://127.0.0.1:4318"), options.OtlpEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.StopTimeout);
        Assert.Equal("/tmp/apis", options.ApisPath);
    }

    [Fact]
    public void Parse_OtlpFromEnvironment_UsedUnlessOverridden()
    {
        var fromEnvironment = Parse([], out _, "http://collector:4318");
        var overridden = Parse(["--otlp-endpoint", "http://127.0.0.1:5318"], out _, "http://collector:4318");

        Assert.Equal(new Uri("http://collector:4318"), fromEnvironment.OtlpEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5318"), overridden.OtlpEndpoint);
    }

    [Theory]
    [InlineData(new[] { "--gateway-port", "0" }, "--gateway-port must be a port number")]
    [InlineData(new[] { "--gateway-port", "http" }, "--gateway-port must be a port number")]
    [InlineData(new[] { "--dashboard-port", "70000" }, "--dashboard-port must be a port number")]
    [InlineData(new[] { "--gateway-port" }, "--gateway-port needs a value")]
    [InlineData(new[] { "--redis", "--embedded" }, "--redis needs a value")]
    [InlineData(new[] { "--frobnicate" }, "Unknown option '--frobnicate'")]
    [InlineData(new[] { "--embedded", "--redis", "127.0.0.1:6379" }, "--embedded and --redis exclude each other")]
    [InlineData(new[] { "--gateway-port", "18888" }, "cannot share port 18888")]
    [InlineData(new[] { "--otlp-endpoint", "collector:4318" }, "--otlp-endpoint must be an absolute http(s) URL")]
    [InlineData(new[] { "--stop-timeout", "-1" }, "--stop-timeout must be a number of seconds")]
    public void Parse_InvalidArguments_ReportsTheProblem(string[] args, string expected)
    {
        Parse(args, out var errors);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        Parse(["--gateway-port", "x", "--dashboard-port", "y", "--what"], out var errors);

        Assert.Equal(3, errors.Count);
    }
}
