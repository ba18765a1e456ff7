using Microsoft.Extensions.Configuration;
using Platform.Definitions.Loading;

namespace Platform.Gateway.Tests.Definitions;

public sealed class DefinitionPathsTests
{
    private const string Root = "/srv/gateway";

    public static TheoryData<string[], string[]> Configurations => new()
    {
        { [], [] },
        { ["Gateway:Definitions=defs"], ["/srv/gateway/defs"] },
        { ["Gateway:Definitions:0=apis/shop.json", "Gateway:Definitions:1=/etc/gateway"], ["/srv/gateway/apis/shop.json", "/etc/gateway"] },
        { ["Gateway:Definitions:10=ten", "Gateway:Definitions:2=two"], ["/srv/gateway/two", "/srv/gateway/ten"] },
        { ["Gateway:Definitions:0=../shared/defs", "Gateway:Definitions:1= "], ["/srv/shared/defs"] },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Read_Configuration_ReturnsFullPathsInOrder(string[] settings, string[] expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(static s => s.Split('=', 2)).Select(static p => KeyValuePair.Create<string, string?>(p[0], p[1])))
            .Build();

        var paths = DefinitionPaths.Read(configuration, Root);

        Assert.Equal(expected, paths);
    }
}
