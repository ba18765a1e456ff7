using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Users.Tests.Handlers;

/// <summary>
/// listUsers, createUser and getUser over the real invoke HTTP contract of the Users app. The app (and its
/// store) is shared by the tests of a class, so every test makes its own users with unique emails and asserts
/// only about those.
/// </summary>
public abstract partial class UserFunctionsTests<TFixture>(TFixture app) : IClassFixture<TFixture>
    where TFixture : UsersAppFixture
{
    protected TFixture App { get; } = app;

    private HttpClient Client => App.Client;

    [Fact]
    public async Task CreateUser_ValidBody_Returns201WithTheStoredUser()
    {
        // Arrange
        var email = UniqueEmail("ada");

        // Act
        var created = await Client.CreateUserAsync("  Ada Lovelace  ", email);

        // Assert
        Assert.Equal(201, created.StatusCode);
        Assert.Equal("application/json", created.Header("content-type"));
        var user = created.Json.AsObject();
        Assert.Equal(["userId", "name", "email", "createdAt"], user.Select(member => member.Key));
        var userId = (string)user["userId"]!;
        Assert.Matches(UserIdShape(), userId);
        Assert.Equal("Ada Lovelace", (string?)user["name"]);
        Assert.Equal(email, (string?)user["email"]);
        Assert.Matches(UtcTimestampShape(), (string)user["createdAt"]!);
        Assert.Equal("/users/" + userId, created.Header("location"));
    }

    [Fact]
    public async Task GetUser_CreatedUser_Returns200WithTheSameUser()
    {
        // Arrange
        var created = await Client.CreateUserAsync("Grace Hopper", UniqueEmail("grace"));
        var userId = (string)created.Json["userId"]!;

        // Act
        var read = await Client.GetUserAsync(userId);

        // Assert
        Assert.Equal(200, read.StatusCode);
        Assert.True(JsonNode.DeepEquals(created.Json, read.Json));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"name\": }")]
    [InlineData("not json")]
    [InlineData("{\"name\": \"Ada\", \"email\": \"ada@example.com\"} trailing")]
    public async Task CreateUser_MalformedJson_Returns400(string body)
    {
        // Act
        var created = await Client.InvokeAsync("createUser", UsersInvoker.Event(body: body));

        // Assert
        Assert.Equal(400, created.StatusCode);
        Assert.StartsWith("The body is not valid JSON: ", (string)created.Json["error"]!, StringComparison.Ordinal);
        Assert.False(created.Json.AsObject().ContainsKey("field"));
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"ada@example.com\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    [InlineData("true", "a boolean")]
    public async Task CreateUser_NonObjectJson_Returns400(string body, string kind)
    {
        // Act
        var created = await Client.InvokeAsync("createUser", UsersInvoker.Event(body: body));

        // Assert
        Assert.Equal(400, created.StatusCode);
        AssertJson($$"""{"error": "The body must be a JSON object with name and email, not {{kind}}."}""", created.Json);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task CreateUser_MissingBody_Returns400(string? body)
    {
        // Act
        var created = await Client.InvokeAsync("createUser", UsersInvoker.Event(body: body));

        // Assert
        Assert.Equal(400, created.StatusCode);
        AssertJson("""{"error": "A JSON body is required: {\"name\": \"...\", \"email\": \"...\"}."}""", created.Json);
    }

    [Fact]
    public async Task CreateUser_Base64Body_IsDecodedAndCreates()
    {
        // Arrange
        var email = UniqueEmail("base64");
        var body = new JsonObject { ["name"] = "Émilie du Châtelet", ["email"] = email }.ToJsonString();

        // Act
        var created = await Client.InvokeAsync("createUser", UsersInvoker.Event(body: body, isBase64Encoded: true));

        // Assert
        Assert.Equal(201, created.StatusCode);
        Assert.Equal("Émilie du Châtelet", (string?)created.Json["name"]);
        Assert.Equal(email, (string?)created.Json["email"]);
    }

    [Fact]
    public async Task CreateUser_MalformedBase64Body_Returns400()
    {
        // Arrange
        var @event = UsersInvoker.Event(body: "{not base64}") with { IsBase64Encoded = true };

        // Act
        var created = await Client.InvokeAsync("createUser", @event);

        // Assert
        Assert.Equal(400, created.StatusCode);
        AssertJson("""{"error": "The body is marked isBase64Encoded but is not valid base64."}""", created.Json);
    }

    [Theory]
    [InlineData("""{"email": "x@example.com"}""", "name", "name is required.")]
    [InlineData("""{"name": null, "email": "x@example.com"}""", "name", "name is required.")]
    [InlineData("""{"name": "", "email": "x@example.com"}""", "name", "name must not be empty.")]
    [InlineData("""{"name": "   ", "email": "x@example.com"}""", "name", "name must not be empty.")]
    [InlineData("""{"name": 42, "email": "x@example.com"}""", "name", "name must be a string, not a number.")]
    [InlineData("""{"name": ["Ada"], "email": "x@example.com"}""", "name", "name must be a string, not an array.")]
    [InlineData("""{"name": "Ada\u0000Null", "email": "x@example.com"}""", "name", "name must not contain control characters.")]
    [InlineData("""{"name": "Ada"}""", "email", "email is required.")]
    [InlineData("""{"name": "Ada", "email": ""}""", "email", "email must not be empty.")]
    [InlineData("""{"name": "Ada", "email": {"address": "x@example.com"}}""", "email", "email must be a string, not an object.")]
    [InlineData("""{"name": "Ada", "email": "not-an-email"}""", "email", "email must be an email address such as ada@example.com.")]
    [InlineData("""{"name": "Ada", "email": "ada@localhost"}""", "email", "email must be an email address such as ada@example.com.")]
    [InlineData("""{"name": "Ada", "email": "ada lovelace@example.com"}""", "email", "email must be an email address such as ada@example.com.")]
    [InlineData("""{"name": "Ada", "email": "ada@@example.com"}""", "email", "email must be an email address such as ada@example.com.")]
    [InlineData("""{"name": "Ada", "email": "ada..l@example.com"}""", "email", "email must be an email address such as ada@example.com.")]
    [InlineData("""{"name": "Ada", "email": "Ada <ada@example.com>"}""", "email", "email must be an email address such as ada@example.com.")]
    public async Task CreateUser_InvalidField_Returns400NamingTheField(string body, string field, string error)
    {
        // Act
        var created = await Client.InvokeAsync("createUser", UsersInvoker.Event(body: body));

        // Assert
        Assert.Equal(400, created.StatusCode);
        AssertJson(new JsonObject { ["error"] = error, ["field"] = field }.ToJsonString(), created.Json);
    }

    [Fact]
    public async Task CreateUser_NameOverOneHundredCharacters_Returns400NamingName()
    {
        // Act
        var created = await Client.CreateUserAsync(new string('n', 101), UniqueEmail("long"));

        // Assert
        Assert.Equal(400, created.StatusCode);
        AssertJson("""{"error": "name must be at most 100 characters (it has 101).", "field": "name"}""", created.Json);
    }

    [Fact]
    public async Task CreateUser_EmailOver254Characters_Returns400NamingEmail()
    {
        // Arrange: 64 + 1 + 190 = 255 characters, each part valid on its own.
        var email = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 62), 3)) + ".c";

        // Act
        var created = await Client.CreateUserAsync("Ada", email);

        // Assert
        Assert.Equal(255, email.Length);
        Assert.Equal(400, created.StatusCode);
        AssertJson("""{"error": "email must be at most 254 characters.", "field": "email"}""", created.Json);
    }

    [Fact]
    public async Task CreateUser_BoundaryLengths_AreAccepted()
    {
        // Arrange: a 100-character name (each emoji is one character, though two UTF-16 units) and a 254-character email.
        var name = string.Concat(Enumerable.Repeat("👩", 99)) + "a";
        var local = Guid.NewGuid().ToString("N");
        var email = local + "@" + string.Join('.', Enumerable.Repeat(new string('c', 62), 3)) + "." + new string('d', 254 - local.Length - 1 - 188 - 1);

        // Act
        var created = await Client.CreateUserAsync(name, email);

        // Assert
        Assert.Equal(254, email.Length);
        Assert.Equal(201, created.StatusCode);
        Assert.Equal(name, (string?)created.Json["name"]);
    }

    [Fact]
    public async Task CreateUser_DuplicateEmailInAnyCase_Returns409()
    {
        // Arrange
        var email = UniqueEmail("dup");
        Assert.Equal(201, (await Client.CreateUserAsync("First", email)).StatusCode);

        // Act
        var duplicate = await Client.CreateUserAsync("Second", email.ToUpperInvariant());

        // Assert
        Assert.Equal(409, duplicate.StatusCode);
        AssertJson("""{"error": "A user with this email already exists"}""", duplicate.Json);
    }

    [Fact]
    public async Task CreateUser_ConcurrentDuplicates_ExactlyOneReturns201()
    {
        // Arrange
        var email = UniqueEmail("race");

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Client.CreateUserAsync($"Racer {i}", email)))
            .WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Single(results, result => result.StatusCode == 201);
        Assert.All(results.Where(result => result.StatusCode != 201), result => Assert.Equal(409, result.StatusCode));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("no-such-user")]
    [InlineData("index")]
    [InlineData("emails")]
    public async Task GetUser_UnknownId_Returns404(string userId)
    {
        // Act
        var read = await Client.GetUserAsync(userId);

        // Assert
        Assert.Equal(404, read.StatusCode);
        Assert.Equal("""{"error":"User not found"}""", read.Response.Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task GetUser_MissingOrBlankUserId_Returns400(string? userId)
    {
        // Arrange
        var pathParameters = userId is null ? null : new Dictionary<string, string> { ["userId"] = userId };

        // Act
        var read = await Client.InvokeAsync("getUser", UsersInvoker.Event(pathParameters: pathParameters));

        // Assert
        Assert.Equal(400, read.StatusCode);
        AssertJson("""{"error": "The userId path parameter is required.", "field": "userId"}""", read.Json);
    }

    private static string UniqueEmail(string name) => $"{name}-{Guid.NewGuid():N}@example.com";

    private static void AssertJson(string expected, JsonNode actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), $"Expected {expectedNode?.ToJsonString()}\nActual   {actual.ToJsonString()}");
    }

    /// <summary>Creates <paramref name="count"/> users one after another and returns their ids, oldest first.</summary>
    private async Task<List<string>> CreateUsersAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var created = await Client.CreateUserAsync($"User {i}", UniqueEmail("user"));
            Assert.Equal(201, created.StatusCode);
            ids.Add((string)created.Json["userId"]!);
        }

        return ids;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex UserIdShape();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcTimestampShape();
}
