using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Chat.Observability;

/// <summary>
/// The chat's own telemetry, both named <c>Platform.Chat</c> (ServiceDefaults listens to <c>Platform.*</c>): a
/// <c>chat broadcast {type}</c> activity around each room broadcast (the signed HTTP call is its child) and the
/// <c>platform.chat.messages.broadcast</c> counter, tagged with the frame's type.
/// </summary>
internal sealed class ChatTelemetry
{
    public const string SourceName = "Platform.Chat";
    public const string BroadcastCounterName = "platform.chat.messages.broadcast";
    public const string TypeTag = "chat.message.type";

    // ActivitySource has no factory in DI; a static source is the framework's own pattern.
    private static readonly ActivitySource Source = new(SourceName);

    private readonly Counter<long> _broadcast;

    public ChatTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _broadcast = meterFactory.Create(SourceName).CreateCounter<long>(
            BroadcastCounterName, unit: "{message}", description: "Frames the chat broadcast to a room, by type (joined, message, typing).");
    }

    public static Activity? StartBroadcast(string type, string room, string userId)
    {
        var activity = Source.StartActivity("chat broadcast " + type, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TypeTag, type);
            activity.SetTag("chat.room", room);
            activity.SetTag("chat.user_id", userId);
        }

        return activity;
    }

    /// <summary>Counts one frame the hub accepted for broadcast.</summary>
    public void Broadcast(string type) => _broadcast.Add(1, new KeyValuePair<string, object?>(TypeTag, type));
}
