using System.Text.Json.Nodes;

namespace Platform.Users.Tests.Handlers;

/// <summary>listUsers: limits, paging and its bad input (the rest of the class is in UserFunctionsTests.cs).</summary>
public abstract partial class UserFunctionsTests<TFixture>
    where TFixture : UsersAppFixture
{
    [Fact]
    public async Task ListUsers_AfterCreate_ListsTheNewUserFirst()
    {
        // Arrange
        var created = await Client.CreateUserAsync("Katherine Johnson", UniqueEmail("katherine"));

        // Act
        var listed = await Client.ListUsersAsync();

        // Assert
        Assert.Equal(200, listed.StatusCode);
        Assert.Equal("application/json", listed.Header("content-type"));
        Assert.True(JsonNode.DeepEquals(created.Json, listed.Json["users"]![0]));
    }

    [Fact]
    public async Task ListUsers_NoLimit_ReturnsTwentyWithNextToken()
    {
        // Arrange
        await CreateUsersAsync(21);

        // Act
        var listed = await Client.ListUsersAsync();

        // Assert
        Assert.Equal(200, listed.StatusCode);
        Assert.Equal(20, listed.Json["users"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty((string?)listed.Json["nextToken"]));
    }

    [Fact]
    public async Task ListUsers_MaxLimit_ReturnsOneHundredWithNextToken()
    {
        // Arrange
        await CreateUsersAsync(101);

        // Act
        var listed = await Client.ListUsersAsync(new() { ["limit"] = "100" });

        // Assert
        Assert.Equal(200, listed.StatusCode);
        Assert.Equal(100, listed.Json["users"]!.AsArray().Count);
        Assert.NotNull(listed.Json["nextToken"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData(" 5")]
    [InlineData("5,6")]
    [InlineData("")]
    [InlineData("99999999999")]
    public async Task ListUsers_InvalidLimit_Returns400NamingLimitAndRange(string limit)
    {
        // Act
        var listed = await Client.ListUsersAsync(new() { ["limit"] = limit });

        // Assert
        Assert.Equal(400, listed.StatusCode);
        AssertJson("""{"error": "limit must be an integer between 1 and 100.", "field": "limit"}""", listed.Json);
    }

    [Fact]
    public async Task ListUsers_FollowingNextToken_PagesThroughNewestFirst()
    {
        // Arrange
        var created = await CreateUsersAsync(5);
        var expected = created.AsEnumerable().Reverse().ToList();

        // Act
        var pages = new List<JsonArray>();
        string? nextToken = null;
        for (var i = 0; i < 3; i++)
        {
            var query = new Dictionary<string, string> { ["limit"] = "2" };
            if (nextToken is not null)
            {
                query["nextToken"] = nextToken;
            }

            var listed = await Client.ListUsersAsync(query);
            Assert.Equal(200, listed.StatusCode);
            pages.Add(listed.Json["users"]!.AsArray());
            nextToken = (string?)listed.Json["nextToken"];
        }

        // Assert: this test's five users lead the listing, two per page, newest first.
        Assert.Equal([2, 2], pages.Take(2).Select(page => page.Count));
        var listedIds = pages.SelectMany(page => page).Select(user => (string)user!["userId"]!).Take(5);
        Assert.Equal(expected, listedIds);
    }

    [Fact]
    public async Task ListUsers_LastPage_OmitsNextToken()
    {
        // Arrange: page until the end of everything this app holds.
        await CreateUsersAsync(3);
        JsonNode last;
        string? nextToken = null;
        var pages = 0;
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = "100" };
            if (nextToken is not null)
            {
                query["nextToken"] = nextToken;
            }

            // Act
            last = (await Client.ListUsersAsync(query)).Json;
            nextToken = (string?)last["nextToken"];
        }
        while (nextToken is not null && ++pages < 100);

        // Assert
        Assert.False(last.AsObject().ContainsKey("nextToken"));
    }

    [Theory]
    [InlineData("not-a-token!!")]
    [InlineData("dW5rbm93bi11c2Vy")]
    [InlineData("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY")]
    public async Task ListUsers_InvalidNextToken_Returns400(string nextToken)
    {
        // Act
        var listed = await Client.ListUsersAsync(new() { ["nextToken"] = nextToken });

        // Assert
        Assert.Equal(400, listed.StatusCode);
        AssertJson(
            """{"error": "nextToken is not valid: pass the nextToken of a previous listUsers response.", "field": "nextToken"}""",
            listed.Json);
    }
}
