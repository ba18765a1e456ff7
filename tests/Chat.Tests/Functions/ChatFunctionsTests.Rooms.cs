using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Chat.Tests.Functions;

/// <summary>joinRoom, sendMessage and typing: what reaches the hub, signed, and what the functions answer.</summary>
public abstract partial class ChatFunctionsTests<TFixture>
{
    [Fact]
    public async Task JoinRoom_ConnectedUser_JoinsThroughTheHubThenAnnouncesItToTheRoom()
    {
        // Arrange
        var (connectionId, room) = await ConnectedAsync("alice");
        var mark = Recorder.Mark;

        // Act
        var response = await Client.SendAsync(connectionId, new JsonObject { ["action"] = "joinRoom", ["room"] = room });

        // Assert
        Assert.Equal(200, response.StatusCode);
        var calls = Recorder.CallsSince(mark);
        Assert.Collection(calls,
            join =>
            {
                Assert.Equal("PUT", join.Method);
                Assert.Equal($"/chat/prod/@connections/{Uri.EscapeDataString(connectionId)}/rooms/{room}", join.RawTarget);
                Assert.Equal("", join.Body);
            },
            announce =>
            {
                Assert.Equal("POST", announce.Method);
                Assert.Equal($"/chat/prod/@connections/@rooms/{room}", announce.RawTarget);
                Assert.Null(announce.Exclude);
                Assert.Equal($$"""{"type":"joined","room":"{{room}}","userId":"alice"}""", announce.Body);
            });
        Assert.All(calls, AssertSigned);
    }

    [Fact]
    public async Task JoinRoom_ConnectionGone_Returns410AndAnnouncesNothing()
    {
        // Arrange
        var (connectionId, room) = await ConnectedAsync("alice");
        Recorder.MarkGone(connectionId);
        var mark = Recorder.Mark;

        // Act
        var response = await Client.SendAsync(connectionId, new JsonObject { ["action"] = "joinRoom", ["room"] = room });

        // Assert
        Assert.Equal(410, response.StatusCode);
        var join = Assert.Single(Recorder.CallsSince(mark));
        Assert.Equal("PUT", join.Method);
    }

    [Theory]
    [MemberData(nameof(ChatFrames.InvalidRoomNames), MemberType = typeof(ChatFrames))]
    public async Task JoinRoom_InvalidRoomName_Returns200AndSendsNothing(string room)
    {
        // Arrange
        var (connectionId, _) = await ConnectedAsync("alice");
        var mark = Recorder.Mark;

        // Act
        var response = await Client.SendAsync(connectionId, new JsonObject { ["action"] = "joinRoom", ["room"] = room });

        // Assert
        Assert.Equal(200, response.StatusCode);
        Assert.Empty(Recorder.CallsSince(mark));
    }

    [Fact]
    public async Task JoinRoom_LongestRoomNameOfEveryAllowedCharacter_Joins()
    {
        // Arrange
        var (connectionId, _) = await ConnectedAsync("alice");
        var room = string.Concat(Enumerable.Repeat("aZ09._:-", 16));
        var mark = Recorder.Mark;

        // Act
        var response = await Client.SendAsync(connectionId, new JsonObject { ["action"] = "joinRoom", ["room"] = room });

        // Assert
        Assert.Equal(128, room.Length);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, Recorder.CallsSince(mark).Count);
        Assert.All(Recorder.CallsSince(mark), call => Assert.EndsWith("/" + room, call.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendMessage_ConnectedUser_BroadcastsOnceToTheWholeRoom()
    {
        // Arrange
        var (connectionId, room) = await ConnectedAsync("alice");
        var now = App.Clock.SetToNow();
        var mark = Recorder.Mark;

        // Act
        var response = await Client.SendAsync(connectionId, new JsonObject { ["action"] = "sendMessage", ["room"] = room, ["text"] = "hi" });

        // Assert
        Assert.Equal(200, response.StatusCode);
        var broadcast = Assert.Single(Recorder.CallsSince(mark));
        AssertSigned(broadcast);
        Assert.Equal("POST", broadcast.Method);
        Assert.Equal($"/chat/prod/@connections/@rooms/{room}", broadcast.RawTarget);
        Assert.Null(broadcast.Exclude);
        var sentAt = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        Assert.Equal($$"""{"type":"message","room":"{{room}}","userId":"alice","text":"hi","sentAt":"{{sentAt}}"}""", broadcast.Body);
    }

    [Theory]
    [InlineData("Zoë says \"hi\" <b>&</b> 👋\nline two")]
    [InlineData("\\u0000 and a tab\t")]
    public async Task SendMessage_AnyText_ArrivesIntact(string text)
    {
        // Arrange
        var (connectionId, room) = await ConnectedAsync("bob");
        var mark = Recorder.Mark;

        // Act
        await Client.SendAsync(connectionId, new JsonObject { ["action"] = "sendMessage", ["room"] = room, ["text"] = text });

        // Assert
        var broadcast = Assert.Single(Recorder.CallsSince(mark));
        var frame = JsonNode.Parse(broadcast.Body)!;
        Assert.Equal(text, (string?)frame["text"]);
        Assert.Equal("bob", (string?)frame["userId"]);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("👋")]
    public async Task SendMessage_TextOfExactlyTheLimit_IsBroadcast(string unit)
    {
        // Arrange
        var (connectionId, room) = await ConnectedAsync("alice");
        var text = string.Concat(Enumerable.Repeat(unit, 4000));
        var mark = Recorder.Mark;

        // Act
        var response = await Client.SendAsync(connectionId, new JsonObject { ["action"] = "sendMessage", ["room"] = room, ["text"] = text });

        // Assert
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(text, (string?)JsonNode.Parse(Assert.Single(Recorder.CallsSince(mark)).Body)!["text"]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task SendMessage_HubRefusesTheBroadcast_Returns502(int hubStatus)
    {
        // Arrange
        var (connectionId, room) = await ConnectedAsync("alice");
        Recorder.RefuseBroadcasts(room, hubStatus);
        var mark = Recorder.Mark;

        // Act
        var response = await Client.SendAsync(connectionId, new JsonObject { ["action"] = "sendMessage", ["room"] = room, ["text"] = "hi" });

        // Assert
        Assert.Equal(502, response.StatusCode);
        Assert.Single(Recorder.CallsSince(mark));
    }

    [Theory]
    [InlineData("sendMessage")]
    [InlineData("typing")]
    [InlineData("joinRoom")]
    public async Task RoomAction_ConnectionWithoutUser_Returns403AndSendsNothing(string action)
    {
        // Arrange: a connection whose $connect never went through the connect function
        var connectionId = ChatEvents.NewConnectionId();
        var mark = Recorder.Mark;

        // Act
        var response = await Client.SendAsync(connectionId, new JsonObject { ["action"] = action, ["room"] = "lobby", ["text"] = "hi" });

        // Assert
        Assert.Equal(403, response.StatusCode);
        Assert.Empty(Recorder.CallsSince(mark));
    }

    [Fact]
    public async Task Typing_ConnectedUser_BroadcastsToEveryoneButTheSender()
    {
        // Arrange
        var (connectionId, room) = await ConnectedAsync("alice");
        var mark = Recorder.Mark;

        // Act
        var response = await Client.SendAsync(connectionId, new JsonObject { ["action"] = "typing", ["room"] = room });

        // Assert
        Assert.Equal(200, response.StatusCode);
        var broadcast = Assert.Single(Recorder.CallsSince(mark));
        AssertSigned(broadcast);
        Assert.Equal("POST", broadcast.Method);
        Assert.Equal($"/chat/prod/@connections/@rooms/{room}?exclude={Uri.EscapeDataString(connectionId)}", broadcast.RawTarget);
        Assert.Equal(connectionId, broadcast.Exclude);
        Assert.Equal($$"""{"type":"typing","room":"{{room}}","userId":"alice"}""", broadcast.Body);
    }

    [Fact]
    public async Task Broadcasts_Succeeding_AreCountedByType()
    {
        // Arrange
        var (connectionId, room) = await ConnectedAsync("alice");
        var meterFactory = App.Services.GetRequiredService<IMeterFactory>();
        var counted = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this app's counter: other test classes run other apps at the same time.
            if (instrument.Meter.Scope == meterFactory && instrument.Name == "platform.chat.messages.broadcast")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var type = tags.ToArray().Single(tag => tag.Key == "chat.message.type").Value as string;
            lock (counted)
            {
                counted.AddRange(Enumerable.Repeat(type!, (int)value));
            }
        });
        listener.Start();

        // Act
        await Client.SendAsync(connectionId, new JsonObject { ["action"] = "joinRoom", ["room"] = room });
        await Client.SendAsync(connectionId, new JsonObject { ["action"] = "sendMessage", ["room"] = room, ["text"] = "hi" });
        await Client.SendAsync(connectionId, new JsonObject { ["action"] = "typing", ["room"] = room });
        Recorder.RefuseBroadcasts(room, 500);
        await Client.SendAsync(connectionId, new JsonObject { ["action"] = "sendMessage", ["room"] = room, ["text"] = "lost" });

        // Assert
        lock (counted)
        {
            Assert.Equal(["joined", "message", "typing"], counted);
        }
    }

    /// <summary>A connection connected as <paramref name="userId"/>, and a room of this test's own.</summary>
    private async Task<(string ConnectionId, string Room)> ConnectedAsync(string userId)
    {
        var connectionId = ChatEvents.NewConnectionId();
        await Client.ConnectAsync(connectionId, userId);
        return (connectionId, "room-" + Guid.NewGuid().ToString("N"));
    }

    private static void AssertSigned(RecordedCall call)
    {
        Assert.True(call.SignatureVerified, $"{call.Method} {call.RawTarget} was not validly signed.");
        Assert.Equal(ConnectionsRecorder.AccessKeyId, call.AccessKeyId);
    }
}
