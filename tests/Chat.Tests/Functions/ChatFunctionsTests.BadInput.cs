using System.Text;

namespace Platform.Chat.Tests.Functions;

/// <summary>Malformed frames: each answers 400 with a message, sends nothing and never fails the invocation.</summary>
public abstract partial class ChatFunctionsTests<TFixture>
{
    [Theory]
    [MemberData(nameof(ChatFrames.Malformed), MemberType = typeof(ChatFrames))]
    public async Task RoomAction_MalformedFrame_Returns400AndSendsNothing(string function, string? frame, bool isBase64Encoded)
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();
        await Client.ConnectAsync(connectionId, "alice");
        var mark = Recorder.Mark;

        // Act
        var response = await Client.InvokeAsync(function, ChatEvents.Message(connectionId, function, frame, isBase64Encoded));

        // Assert
        Assert.Equal(400, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)response.Json()?["message"]), "The 400 says what is wrong.");
        Assert.Empty(Recorder.CallsSince(mark));
    }

    [Fact]
    public async Task SendMessage_Base64Frame_IsReadLikeText()
    {
        // Arrange
        var connectionId = ChatEvents.NewConnectionId();
        await Client.ConnectAsync(connectionId, "alice");
        var room = "room-" + Guid.NewGuid().ToString("N");
        var frame = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"action":"sendMessage","room":"{{room}}","text":"hi"}"""));
        var mark = Recorder.Mark;

        // Act
        var response = await Client.InvokeAsync("sendMessage", ChatEvents.Message(connectionId, "sendMessage", frame, isBase64Encoded: true));

        // Assert
        Assert.Equal(200, response.StatusCode);
        Assert.Single(Recorder.CallsSince(mark));
    }
}
