using Platform.Definitions.Loading;

namespace Platform.Gateway.Tests.Definitions;

public sealed class JsonPathTests
{
    [Theory]
    [InlineData("", "apis", "apis")]
    [InlineData("apis", "shop", "apis.shop")]
    [InlineData("apis", "shop_2", "apis.shop_2")]
    [InlineData("apis", "shop-2", "apis[\"shop-2\"]")]
    [InlineData("apis.shop.routes", "ANY /orders/{proxy+}", "apis.shop.routes[\"ANY /orders/{proxy+}\"]")]
    [InlineData("domainNames", "$default", "domainNames[\"$default\"]")]
    [InlineData("x", "2fa", "x[\"2fa\"]")]
    [InlineData("x", "say \"hi\"\\", "x[\"say \\\"hi\\\"\\\\\"]")]
    [InlineData("x", "tab\t", "x[\"tab\\u0009\"]")]
    public void Property_Name_IsDottedOrBracketed(string parent, string name, string expected) =>
        Assert.Equal(expected, JsonPath.Property(parent, name));

    [Fact]
    public void Index_Position_IsBracketed() =>
        Assert.Equal("domainNames[\"$default\"].apiMappings[3]", JsonPath.Index("domainNames[\"$default\"].apiMappings", 3));
}
