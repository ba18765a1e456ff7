using Platform.Gateway.WebSockets;

namespace Platform.Gateway.Tests.WebSockets;

public sealed class HubForwardingOptionsValidatorTests
{
    public static TheoryData<HubForwardingOptions, string[]> Cases => new()
    {
        { new HubForwardingOptions(), [] },
        { new HubForwardingOptions { Service = "hub-2" }, [] },
        { new HubForwardingOptions { Service = "" }, ["Gateway:ConnectionHub:Service must be a service (host) name; got ''."] },
        { new HubForwardingOptions { Service = "http://hub" }, ["Gateway:ConnectionHub:Service must be a service (host) name; got 'http://hub'."] },
        {
            new HubForwardingOptions { HandshakeTimeout = TimeSpan.Zero, ResponseTimeout = TimeSpan.FromSeconds(-1) },
            [
                "Gateway:ConnectionHub:HandshakeTimeout must be a positive time span under 24 days; got 00:00:00.",
                "Gateway:ConnectionHub:ResponseTimeout must be a positive time span under 24 days; got -00:00:01.",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_Options_ReportsEveryError(HubForwardingOptions options, string[] errors)
    {
        var result = new HubForwardingOptionsValidator().Validate(null, options);

        Assert.Equal(errors.Length == 0, result.Succeeded);
        Assert.Equal(errors, result.Failures ?? []);
    }
}
