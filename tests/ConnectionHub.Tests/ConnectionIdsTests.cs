using Platform.ConnectionHub.Connections;

namespace Platform.ConnectionHub.Tests;

public class ConnectionIdsTests
{
    [Fact]
    public void Next_IsWellFormed_UniqueAndNeverStartsLikeAnOption()
    {
        var ids = Enumerable.Range(0, 20_000).Select(static _ => ConnectionIds.Next()).ToList();

        Assert.All(ids, static id => Assert.Matches("^[A-Za-z0-9][A-Za-z0-9_-]{14}=$", id));
        Assert.All(ids, static id => Assert.True(ConnectionIds.IsWellFormed(id), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijklmno")]
    [InlineData("abcdefghijklmnop")]
    [InlineData("abcdefghijklmn+=")]
    [InlineData("abcdefghijklmn/=")]
    [InlineData("abcdefghijklmnop=")]
    public void IsWellFormed_RejectsOtherShapes(string? id) => Assert.False(ConnectionIds.IsWellFormed(id));
}
