using System.Buffers.Text;
using System.Text;
using Platform.Users.Storage;

namespace Platform.Users.Tests.Storage;

/// <summary>The <see cref="IUserStore"/> contract; each concrete class runs it against one implementation.</summary>
public abstract class UserStoreTests
{
    private readonly SteppingTimeProvider _clock = new();

    /// <summary>A new, empty store for one test.</summary>
    protected abstract IUserStore CreateStore();

    [Fact]
    public async Task CreateAsync_NewUser_CanBeReadBack()
    {
        // Arrange
        var store = CreateStore();
        var user = NewUser("Ada Lovelace", "ada@example.com") with { CreatedAt = new DateTimeOffset(2025, 3, 1, 8, 30, 15, 123, TimeSpan.Zero) };

        // Act
        var result = await store.CreateAsync(user).WaitAsync(TestTimeouts.Default);
        var read = await store.GetAsync(user.UserId).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(CreateUserResult.Created, result);
        Assert.Equal(user, read);
    }

    [Fact]
    public async Task CreateAsync_UnicodeName_KeepsItIntact()
    {
        // Arrange
        var store = CreateStore();
        var user = NewUser("Zoë Ångström 山田 👩‍💻", "zoe@example.com");

        // Act
        await store.CreateAsync(user).WaitAsync(TestTimeouts.Default);
        var read = await store.GetAsync(user.UserId).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal("Zoë Ångström 山田 👩‍💻", read!.Name);
    }

    [Theory]
    [InlineData("grace@example.com")]
    [InlineData("GRACE@EXAMPLE.COM")]
    [InlineData("Grace@Example.com")]
    public async Task CreateAsync_EmailTakenInAnyCase_ReturnsEmailTakenAndStoresNothing(string secondEmail)
    {
        // Arrange
        var store = CreateStore();
        var first = NewUser("Grace", "grace@example.com");
        var second = NewUser("Impostor", secondEmail);
        await store.CreateAsync(first).WaitAsync(TestTimeouts.Default);

        // Act
        var result = await store.CreateAsync(second).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(CreateUserResult.EmailTaken, result);
        Assert.Null(await store.GetAsync(second.UserId).WaitAsync(TestTimeouts.Default));
        var page = await store.ListAsync(10, null).WaitAsync(TestTimeouts.Default);
        Assert.Equal([first], page!.Users);
    }

    [Fact]
    public async Task CreateAsync_ConcurrentCreatesWithOneEmail_CreateExactlyOne()
    {
        // Arrange
        var store = CreateStore();
        var users = Enumerable.Range(0, 32).Select(i => NewUser($"Racer {i}", i % 2 == 0 ? "race@example.com" : "RACE@example.com")).ToList();

        // Act
        var results = await Task.WhenAll(users.Select(user => Task.Run(() => store.CreateAsync(user)))).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Single(results, result => result == CreateUserResult.Created);
        var page = await store.ListAsync(100, null).WaitAsync(TestTimeouts.Default);
        Assert.Single(page!.Users);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("index")]
    [InlineData("emails")]
    [InlineData("")]
    public async Task GetAsync_UnknownId_ReturnsNull(string userId)
    {
        // Arrange
        var store = CreateStore();
        await store.CreateAsync(NewUser("Someone", "someone@example.com")).WaitAsync(TestTimeouts.Default);

        // Act
        var read = await store.GetAsync(userId).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(read);
    }

    [Fact]
    public async Task ListAsync_EmptyStore_ReturnsEmptyLastPage()
    {
        // Arrange
        var store = CreateStore();

        // Act
        var page = await store.ListAsync(20, null).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Empty(page!.Users);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task ListAsync_SeveralUsers_ListsNewestFirst()
    {
        // Arrange
        var store = CreateStore();
        var created = await CreateUsersAsync(store, 4);

        // Act
        var page = await store.ListAsync(10, null).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(created.AsEnumerable().Reverse(), page!.Users);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task ListAsync_SameMillisecond_OrdersByUserIdDescending()
    {
        // Arrange
        var store = CreateStore();
        var at = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        User[] users =
        [
            new("aaaa", "A", "a@example.com", at),
            new("cccc", "C", "c@example.com", at),
            new("bbbb", "B", "b@example.com", at),
        ];
        foreach (var user in users)
        {
            await store.CreateAsync(user).WaitAsync(TestTimeouts.Default);
        }

        // Act
        var first = await store.ListAsync(2, null).WaitAsync(TestTimeouts.Default);
        var second = await store.ListAsync(2, first!.NextCursor).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(["cccc", "bbbb"], first.Users.Select(user => user.UserId));
        Assert.Equal(["aaaa"], second!.Users.Select(user => user.UserId));
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData(7, 3, new[] { 3, 3, 1 })]
    [InlineData(6, 3, new[] { 3, 3 })]
    [InlineData(1, 1, new[] { 1 })]
    [InlineData(5, 100, new[] { 5 })]
    public async Task ListAsync_FollowingCursors_VisitsEveryUserOnceInOrder(int users, int limit, int[] pageSizes)
    {
        // Arrange
        var store = CreateStore();
        var created = await CreateUsersAsync(store, users);

        // Act
        var pages = new List<UserPage>();
        string? cursor = null;
        do
        {
            var page = await store.ListAsync(limit, cursor).WaitAsync(TestTimeouts.Default);
            pages.Add(page!);
            cursor = page!.NextCursor;
        }
        while (cursor is not null && pages.Count <= users);

        // Assert
        Assert.Equal(pageSizes, pages.Select(page => page.Users.Count));
        Assert.Equal(created.AsEnumerable().Reverse(), pages.SelectMany(page => page.Users));
    }

    [Fact]
    public async Task ListAsync_UsersAddedBetweenPages_ContinuesAfterTheCursor()
    {
        // Arrange
        var store = CreateStore();
        var created = await CreateUsersAsync(store, 4);
        var first = await store.ListAsync(2, null).WaitAsync(TestTimeouts.Default);
        await CreateUsersAsync(store, 3);

        // Act
        var second = await store.ListAsync(2, first!.NextCursor).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal([created[1], created[0]], second!.Users);
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("%%%")]
    [InlineData("dW5rbm93bi11c2Vy")]
    public async Task ListAsync_CursorNotIssuedByTheStore_ReturnsNull(string cursor)
    {
        // Arrange
        var store = CreateStore();
        await CreateUsersAsync(store, 2);

        // Act
        var page = await store.ListAsync(10, cursor).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(page);
    }

    [Fact]
    public async Task ListAsync_CursorOfAnotherStoresUser_ReturnsNull()
    {
        // Arrange
        var store = CreateStore();
        await CreateUsersAsync(store, 2);
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N")));

        // Act
        var page = await store.ListAsync(10, cursor).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Null(page);
    }

    [Fact]
    public async Task ListAsync_LimitBelowOne_Throws()
    {
        // Arrange
        var store = CreateStore();

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(0, null)).WaitAsync(TestTimeouts.Default);
    }

    private User NewUser(string name, string email) =>
        new(Guid.NewGuid().ToString("N"), name, email, DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds()));

    /// <summary>Creates <paramref name="count"/> users, oldest first.</summary>
    private async Task<List<User>> CreateUsersAsync(IUserStore store, int count)
    {
        var users = new List<User>();
        for (var i = 0; i < count; i++)
        {
            var user = NewUser($"User {i}", $"user-{Guid.NewGuid():N}@example.com");
            Assert.Equal(CreateUserResult.Created, await store.CreateAsync(user).WaitAsync(TestTimeouts.Default));
            users.Add(user);
        }

        return users;
    }
}
