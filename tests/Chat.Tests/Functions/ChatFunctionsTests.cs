using Microsoft.Extensions.DependencyInjection;
using Platform.Chat.Storage;

namespace Platform.Chat.Tests.Functions;

/// <summary>
/// Every chat function over the real invoke HTTP contract of the Chat app, its @connections calls going to a real
/// recording server. The app, its store and the recorder are shared by the tests of a class, so every test uses its
/// own connection ids and rooms, and looks only at the calls made since it started (<see cref="ConnectionsRecorder.Mark"/>).
/// This part: connect, disconnect and whoami.
/// </summary>
public abstract partial class ChatFunctionsTests<TFixture>(TFixture app) : IClassFixture<TFixture>
    where TFixture : ChatAppFixture
{
    private const string UserIdRequiredBody = """{"message":"userId query parameter is required"}""";

    protected TFixture App { get; } = app;

    private HttpClient Client => App.Client;

    private ConnectionsRecorder Recorder => App.Recorder;

    private IConnectionUserStore Store => App.Services.GetRequiredService<IConnectionUserStore>();

    [Fact]
    public async Task Connect_ValidUserId_Returns200AndRecordsTheUser()
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();
        var mark = Recorder.Mark;

        // Act
        var response = await Client.InvokeAsync("connect", ChatEvents.Connect(connectionId, new Dictionary<string, string> { ["userId"] = "alice" }));

        // Assert
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("alice", await Store.GetUserAsync(connectionId).WaitAsync(TestTimeouts.Default));
        Assert.Empty(Recorder.CallsSince(mark));
    }

    [Fact]
    public async Task Connect_BehindAnAuthorizer_RecordsTheAuthorizedUserWhateverTheQuerySays()
    {
        var connectionId = ChatEvents.NewConnectionId();

        var response = await Client.InvokeAsync("connect", ChatEvents.Connect(connectionId, new Dictionary<string, string> { ["userId"] = "mallory" }, authorizedUserId: "platform-dev"));
        var withoutQuery = ChatEvents.NewConnectionId();
        var second = await Client.InvokeAsync("connect", ChatEvents.Connect(withoutQuery, query: null, authorizedUserId: "bob"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("platform-dev", await Store.GetUserAsync(connectionId).WaitAsync(TestTimeouts.Default));
        Assert.Equal(200, second.StatusCode);
        Assert.Equal("bob", await Store.GetUserAsync(withoutQuery).WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Connect_LongestUserIdOfEveryAllowedCharacter_IsAccepted()
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();
        var userId = string.Concat(Enumerable.Repeat("aZ09._-", 8)) + "abcdefgh";

        // Act
        var response = await Client.InvokeAsync("connect", ChatEvents.Connect(connectionId, new Dictionary<string, string> { ["userId"] = userId }));

        // Assert
        Assert.Equal(64, userId.Length);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(userId, await Store.GetUserAsync(connectionId).WaitAsync(TestTimeouts.Default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("alice smith")]
    [InlineData("alice/bob")]
    [InlineData("émile")]
    [InlineData("alice\n")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Connect_InvalidUserId_Returns400AndRecordsNothing(string userId)
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();
        var mark = Recorder.Mark;

        // Act
        var response = await Client.InvokeAsync("connect", ChatEvents.Connect(connectionId, new Dictionary<string, string> { ["userId"] = userId }));

        // Assert
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(UserIdRequiredBody, response.Body);
        Assert.Null(await Store.GetUserAsync(connectionId).WaitAsync(TestTimeouts.Default));
        Assert.Empty(Recorder.CallsSince(mark));
    }

    [Fact]
    public async Task Connect_NoQueryString_Returns400()
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();

        // Act
        var response = await Client.InvokeAsync("connect", ChatEvents.Connect(connectionId, query: null));

        // Assert
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(UserIdRequiredBody, response.Body);
        Assert.Null(await Store.GetUserAsync(connectionId).WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Connect_QueryWithoutUserId_Returns400()
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();

        // Act
        var response = await Client.InvokeAsync("connect", ChatEvents.Connect(connectionId, new Dictionary<string, string> { ["room"] = "lobby" }));

        // Assert
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(UserIdRequiredBody, response.Body);
    }

    [Fact]
    public async Task Disconnect_ConnectedConnection_RemovesTheStoreEntry()
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();
        await Client.ConnectAsync(connectionId, "alice");
        var mark = Recorder.Mark;

        // Act
        var response = await Client.InvokeAsync("disconnect", ChatEvents.Disconnect(connectionId));

        // Assert
        Assert.Equal(200, response.StatusCode);
        Assert.Null(await Store.GetUserAsync(connectionId).WaitAsync(TestTimeouts.Default));
        Assert.Empty(Recorder.CallsSince(mark));
    }

    [Fact]
    public async Task Disconnect_UnknownConnection_Returns200()
    {
        // Act
        var response = await Client.InvokeAsync("disconnect", ChatEvents.Disconnect(ChatEvents.NewConnectionId()));

        // Assert
        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task Disconnect_OneOfTwoConnectionsOfAUser_KeepsTheOther()
    {
        // Arrange
        var first = ChatEvents.NewConnectionId();
        var second = ChatEvents.NewConnectionId();
        await Client.ConnectAsync(first, "alice");
        await Client.ConnectAsync(second, "alice");

        // Act
        await Client.InvokeAsync("disconnect", ChatEvents.Disconnect(first));

        // Assert
        Assert.Null(await Store.GetUserAsync(first).WaitAsync(TestTimeouts.Default));
        Assert.Equal("alice", await Store.GetUserAsync(second).WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task WhoAmI_AnyConnection_AnswersTheCallersConnectionIdAsTheRouteResponse()
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();
        await Client.ConnectAsync(connectionId, "alice");
        var mark = Recorder.Mark;

        // Act
        var response = await Client.InvokeAsync("whoami", ChatEvents.Message(connectionId, "whoami", """{"action":"whoami"}"""));

        // Assert
        Assert.Equal(200, response.StatusCode);
        Assert.Equal($$"""{"connectionId":"{{connectionId}}"}""", response.Body);
        Assert.Empty(Recorder.CallsSince(mark));
    }
}
