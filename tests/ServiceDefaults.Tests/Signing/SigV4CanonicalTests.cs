using Platform.ServiceDefaults.Signing;

namespace Platform.ServiceDefaults.Tests.Signing;

public sealed class SigV4CanonicalTests
{
    [Theory]
    [InlineData("/chat/@connections/AbCdEfGhIjKlMnO%3D", "/chat/%40connections/AbCdEfGhIjKlMnO%253D")]
    [InlineData("/chat/%40connections/AbCdEfGhIjKlMnO%3D", "/chat/%2540connections/AbCdEfGhIjKlMnO%253D")]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/a/./b//c/../d%20e/~x", "/a/b/d%2520e/~x")]
    [InlineData("/a/b/", "/a/b/")]
    [InlineData("/a/..", "/")]
    [InlineData("/..", "/")]
    [InlineData("/a+b:c;d,e", "/a%2Bb%3Ac%3Bd%2Ce")]
    [InlineData("/caf\u00e9", "/caf%C3%A9")]
    public void CanonicalUri_WirePath_EncodedOnceMoreAfterNormalizing(string rawPath, string expected) =>
        Assert.Equal(expected, SigV4Canonical.CanonicalUri(rawPath));

    [Theory]
    [InlineData("", "")]
    [InlineData("z=1&y=%2F&y=%2B&x", "x=&y=%2B&y=%2F&z=1")]
    [InlineData("a=x%20y&b=2", "a=x%20y&b=2")]
    [InlineData("a=%7e&b=%7E", "a=~&b=~")]
    [InlineData("a=%zz", "a=%25zz")]
    [InlineData("a+b=c d", "a%2Bb=c%20d")]
    [InlineData("b=1&A=2&a=3", "A=2&a=3&b=1")]
    [InlineData("a=1&&b=2&", "a=1&b=2")]
    [InlineData("k=%E2%9C%93", "k=%E2%9C%93")]
    [InlineData("k=a=b", "k=a%3Db")]
    public void CanonicalQuery_RawQuery_DecodedEncodedAndSorted(string rawQuery, string expected) =>
        Assert.Equal(expected, SigV4Canonical.CanonicalQuery(SigV4Canonical.CanonicalParameters(rawQuery)));

    [Fact]
    public void CanonicalQuery_Excluded_LeftOut() =>
        Assert.Equal("X-Amz-Date=1&a=2", SigV4Canonical.CanonicalQuery(
            SigV4Canonical.CanonicalParameters("a=2&X-Amz-Signature=abc&X-Amz-Date=1"), SigV4Constants.SignatureParameter));

    [Theory]
    [InlineData("  a   b  ", "a b")]
    [InlineData("a\t \tb", "a b")]
    [InlineData("\"a  b\"", "\"a b\"")]
    [InlineData("", "")]
    public void TrimAll_HeaderValue_TrimmedAndCollapsed(string value, string expected) =>
        Assert.Equal(expected, SigV4Canonical.TrimAll(value));

    [Theory]
    [InlineData("/p?q=1", "/p", "q=1")]
    [InlineData("/p", "/p", "")]
    [InlineData("/p?", "/p", "")]
    [InlineData("http://h:1/p/q?x=1", "/p/q", "x=1")]
    [InlineData("http://h:1?x=1", "", "x=1")]
    [InlineData("*", "/", "")]
    public void SplitTarget_RequestTarget_PathAndQuery(string target, string path, string query)
    {
        var (actualPath, actualQuery) = SigV4Canonical.SplitTarget(target);

        Assert.Equal((path, query), (actualPath, actualQuery));
    }
}
