using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Chat.Connections;
using Platform.Chat.Functions;

namespace Platform.Chat;

[JsonSerializable(typeof(RoomEvent))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(WhoAmIBody))]
[JsonSerializable(typeof(BroadcastReply))]
internal sealed partial class ChatJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Frames as chat clients read them: quotes and non-ASCII text as is, not the HTML-safe <c>\u0022</c>-style
    /// escapes of the default encoder; frames are parsed as JSON, never embedded in HTML (see FunctionJsonContext.Wire).
    /// </summary>
    public static ChatJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
