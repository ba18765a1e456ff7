using Platform.Gateway.Integrations.Lambda;

namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class ProxyEventQueryTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a=1", "a:1")]
    [InlineData("a=1&a=2&b=x", "a:1|a:2|b:x")]
    [InlineData("q=a+b%20c", "q:a b c")]
    [InlineData("k%2By=v%26w", "k+y:v&w")]
    [InlineData("flag", "flag:")]
    [InlineData("a=&=b", "a:|:b")]
    [InlineData("a=1&&b=2&", "a:1|b:2")]
    [InlineData("A=1&a=2", "A:1|a:2")]
    [InlineData("x=%zz", "x:%zz")]
    [InlineData("e=%C3%A9", "e:é")]
    [InlineData("eq=a=b", "eq:a=b")]
    public void Parse_RawQuery_DecodedPairsInOrder(string raw, string expected)
    {
        var pairs = ProxyEventQuery.Parse(raw);

        Assert.Equal(expected, string.Join('|', pairs.Select(static p => p.Key + ":" + p.Value)));
    }
}
