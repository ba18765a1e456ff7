using Platform.Chat.Storage;

namespace Platform.Chat.Tests.Storage;

/// <summary>The <see cref="IConnectionUserStore"/> contract; each concrete class runs it against one implementation.</summary>
public abstract class ConnectionUserStoreTests
{
    /// <summary>A new, empty store for one test.</summary>
    protected abstract IConnectionUserStore CreateStore();

    [Fact]
    public async Task SetUserAsync_NewConnection_CanBeReadBack()
    {
        // Arrange
        var store = CreateStore();

        // Act
        await store.SetUserAsync("AAAAAAAAAAAAAAA=", "alice").WaitAsync(TestTimeouts.Default);
        var userId = await store.GetUserAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal("alice", userId);
    }

    [Fact]
    public async Task SetUserAsync_SameConnectionAgain_ReplacesTheUser()
    {
        // Arrange
        var store = CreateStore();
        await store.SetUserAsync("AAAAAAAAAAAAAAA=", "alice").WaitAsync(TestTimeouts.Default);

        // Act
        await store.SetUserAsync("AAAAAAAAAAAAAAA=", "bob").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal("bob", await store.GetUserAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task SetUserAsync_TwoConnectionsOfOneUser_AreKeptApart()
    {
        // Arrange
        var store = CreateStore();
        await store.SetUserAsync("AAAAAAAAAAAAAAA=", "alice").WaitAsync(TestTimeouts.Default);
        await store.SetUserAsync("BBBBBBBBBBBBBBB=", "alice").WaitAsync(TestTimeouts.Default);

        // Act
        var removed = await store.RemoveAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.True(removed);
        Assert.Null(await store.GetUserAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default));
        Assert.Equal("alice", await store.GetUserAsync("BBBBBBBBBBBBBBB=").WaitAsync(TestTimeouts.Default));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAA=")]
    [InlineData("")]
    [InlineData("connections")]
    public async Task GetUserAsync_UnknownConnection_ReturnsNull(string connectionId)
    {
        // Arrange
        var store = CreateStore();
        await store.SetUserAsync("ZZZZZZZZZZZZZZZ=", "alice").WaitAsync(TestTimeouts.Default);

        // Act
        var userId = await store.GetUserAsync(connectionId).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(userId);
    }

    [Fact]
    public async Task RemoveAsync_KnownConnection_RemovesItAndReturnsTrue()
    {
        // Arrange
        var store = CreateStore();
        await store.SetUserAsync("AAAAAAAAAAAAAAA=", "alice").WaitAsync(TestTimeouts.Default);

        // Act
        var removed = await store.RemoveAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.True(removed);
        Assert.Null(await store.GetUserAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task RemoveAsync_UnknownConnection_ReturnsFalse()
    {
        // Arrange
        var store = CreateStore();

        // Act
        var removed = await store.RemoveAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.False(removed);
    }

    [Fact]
    public async Task RemoveAsync_Twice_ReturnsFalseTheSecondTime()
    {
        // Arrange
        var store = CreateStore();
        await store.SetUserAsync("AAAAAAAAAAAAAAA=", "alice").WaitAsync(TestTimeouts.Default);
        await store.RemoveAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default);

        // Act
        var removed = await store.RemoveAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.False(removed);
    }

    [Fact]
    public async Task SetUserAsync_ConcurrentConnections_KeepsEveryOne()
    {
        // Arrange
        var store = CreateStore();
        var connections = Enumerable.Range(0, 32).Select(i => ($"conn{i:D11}=", $"user-{i}")).ToList();

        // Act
        await Task.WhenAll(connections.Select(c => Task.Run(() => store.SetUserAsync(c.Item1, c.Item2)))).WaitAsync(TestTimeouts.Default);

        // Assert
        var read = await Task.WhenAll(connections.Select(c => store.GetUserAsync(c.Item1))).WaitAsync(TestTimeouts.Default);
        Assert.Equal(connections.Select(c => c.Item2), read);
    }

    [Theory]
    [InlineData("", "alice")]
    [InlineData("AAAAAAAAAAAAAAA=", "")]
    public async Task SetUserAsync_EmptyArgument_Throws(string connectionId, string userId)
    {
        // Arrange
        var store = CreateStore();

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetUserAsync(connectionId, userId)).WaitAsync(TestTimeouts.Default);
    }
}
