using System.Text;

namespace Platform.Chat.Tests.Functions;

/// <summary>Tables of the theories in <see cref="ChatFunctionsTests{TFixture}"/> (static members cannot live on the generic class).</summary>
public static class ChatFrames
{
    /// <summary>Room names the hub refuses: empty, a space, '/', '?', non-ASCII, 129 characters.</summary>
    public static TheoryData<string> InvalidRoomNames => new()
    {
        "",
        "the lobby",
        "lobby/1",
        "lobby?x=1",
        "salón",
        new string('r', 129),
    };

    /// <summary>Function, frame (null: the event has no body), whether the event marks the frame base64.</summary>
    public static TheoryData<string, string?, bool> Malformed => new()
    {
        { "sendMessage", "not json", false },
        { "sendMessage", "", false },
        { "sendMessage", null, false },
        { "sendMessage", "[1,2]", false },
        { "sendMessage", "\"hi\"", false },
        { "sendMessage", "null", false },
        { "sendMessage", """{"action":"sendMessage","room":"lobby"}""", false },
        { "sendMessage", """{"action":"sendMessage","text":"hi"}""", false },
        { "sendMessage", """{"action":"sendMessage","room":"lobby","text":""}""", false },
        { "sendMessage", """{"action":"sendMessage","room":"lobby","text":42}""", false },
        { "sendMessage", """{"action":"sendMessage","room":"lobby","text":null}""", false },
        { "sendMessage", """{"action":"sendMessage","room":7,"text":"hi"}""", false },
        { "sendMessage", """{"action":"sendMessage","room":"the lobby","text":"hi"}""", false },
        { "sendMessage", $$"""{"action":"sendMessage","room":"lobby","text":"{{new string('a', 4001)}}"}""", false },
        { "sendMessage", $$"""{"action":"sendMessage","room":"lobby","text":"{{string.Concat(Enumerable.Repeat("👋", 4001))}}"}""", false },
        { "sendMessage", """{"action":"sendMessage","room":"lobby","text":"hi" """, false },
        { "sendMessage", "%%% not base64 %%%", true },
        { "sendMessage", Convert.ToBase64String(Encoding.UTF8.GetBytes("not json")), true },
        { "typing", "not json", false },
        { "typing", "{}", false },
        { "typing", """{"action":"typing","room":null}""", false },
        { "typing", """{"action":"typing","room":"a b"}""", false },
        { "joinRoom", "not json", false },
        { "joinRoom", "{}", false },
        { "joinRoom", """{"action":"joinRoom","room":["lobby"]}""", false },
        { "joinRoom", """{"action":"joinRoom","room":{"name":"lobby"}}""", false },
    };
}
