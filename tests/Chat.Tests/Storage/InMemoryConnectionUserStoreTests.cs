using Platform.Chat.Storage;

namespace Platform.Chat.Tests.Storage;

/// <summary>The store contract in memory, and its expiry, which the clock makes testable without waiting.</summary>
public sealed class InMemoryConnectionUserStoreTests : ConnectionUserStoreTests
{
    private readonly ManualTimeProvider _clock = new();

    protected override IConnectionUserStore CreateStore() => new InMemoryConnectionUserStore(_clock);

    [Fact]
    public async Task GetUserAsync_EntryOlderThanItsLifetime_ReturnsNull()
    {
        // Arrange
        var store = CreateStore();
        await store.SetUserAsync("AAAAAAAAAAAAAAA=", "alice").WaitAsync(TestTimeouts.Default);

        // Act
        _clock.Advance(IConnectionUserStore.EntryLifetime);
        var userId = await store.GetUserAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(userId);
    }

    [Fact]
    public async Task GetUserAsync_EntryJustYoungerThanItsLifetime_ReturnsTheUser()
    {
        // Arrange
        var store = CreateStore();
        await store.SetUserAsync("AAAAAAAAAAAAAAA=", "alice").WaitAsync(TestTimeouts.Default);

        // Act
        _clock.Advance(IConnectionUserStore.EntryLifetime - TimeSpan.FromMilliseconds(1));
        var userId = await store.GetUserAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal("alice", userId);
    }

    [Fact]
    public async Task SetUserAsync_AfterAnEntryExpired_StillStoresAndExpiredStaysGone()
    {
        // Arrange
        var store = CreateStore();
        await store.SetUserAsync("AAAAAAAAAAAAAAA=", "alice").WaitAsync(TestTimeouts.Default);
        _clock.Advance(IConnectionUserStore.EntryLifetime + TimeSpan.FromMinutes(1));

        // Act: this write sweeps the expired entry out
        await store.SetUserAsync("BBBBBBBBBBBBBBB=", "bob").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal("bob", await store.GetUserAsync("BBBBBBBBBBBBBBB=").WaitAsync(TestTimeouts.Default));
        Assert.False(await store.RemoveAsync("AAAAAAAAAAAAAAA=").WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public void EntryLifetime_IsTwoHoursAndALittle()
    {
        // Assert: longer than AWS's longest connection (2 h), so no live connection loses its user
        Assert.InRange(IConnectionUserStore.EntryLifetime, TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1), TimeSpan.FromHours(2.5));
    }
}
