using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Platform.Chat.Connections;
using Platform.Chat.Observability;
using Platform.Chat.Storage;
using Platform.Functions;

namespace Platform.Chat.Functions;

/// <summary>
/// The room routes, all one-way (the client gets frames only through broadcasts): <c>joinRoom</c> joins the caller
/// to a room through the hub and announces it to the room; <c>sendMessage</c> broadcasts a message to every member,
/// the sender included; <c>typing</c> tells every member but the sender. Each broadcast is one call to the hub, which
/// fans out and drops members whose connections are gone. A malformed message answers 400 and sends nothing.
/// </summary>
internal sealed partial class RoomFunctions(
    IConnectionUserStore store, ConnectionsClient connections, ChatTelemetry telemetry, TimeProvider timeProvider, ILogger<RoomFunctions> logger)
{
    public const string JoinRoom = "joinRoom";
    public const string SendMessage = "sendMessage";
    public const string Typing = "typing";

    private const int LoggedRoomLength = 64;

    public async Task<APIGatewayProxyResponse> JoinRoomAsync(APIGatewayWebSocketRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        if (!ChatInput.TryReadRoomRequest(request, withText: false, out var input, out var error))
        {
            return Refuse(context, error);
        }

        if (!RoomNames.IsValid(input.Room))
        {
            // The route is one-way: the client never sees the answer, so the log line is the refusal.
            Log.InvalidRoomIgnored(logger, context.AwsRequestId, Shorten(input.Room));
            return ChatResponses.Ok();
        }

        var (sender, refusal) = await SenderAsync(request, context).ConfigureAwait(false);
        if (sender is null)
        {
            return refusal!;
        }

        var joined = await connections.JoinRoomAsync(sender.Value.ConnectionId, input.Room, context.CancellationToken).ConfigureAwait(false);
        if (!joined.Succeeded)
        {
            Log.JoinFailed(logger, context.AwsRequestId, sender.Value.ConnectionId, input.Room, joined.StatusCode);
            return joined.Gone
                ? ChatResponses.Error(410, "The connection is gone.")
                : ChatResponses.Error(502, "The room could not be joined.");
        }

        Log.Joined(logger, sender.Value.ConnectionId, sender.Value.UserId, input.Room);
        return await BroadcastAsync(new RoomEvent(RoomEvent.Joined, input.Room, sender.Value.UserId), exclude: null, context).ConfigureAwait(false);
    }

    public async Task<APIGatewayProxyResponse> SendMessageAsync(APIGatewayWebSocketRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        if (!TryReadValidRoom(request, withText: true, out var input, out var error))
        {
            return Refuse(context, error);
        }

        var (sender, refusal) = await SenderAsync(request, context).ConfigureAwait(false);
        if (sender is null)
        {
            return refusal!;
        }

        // Millisecond precision, UTC: the form JavaScript's Date.prototype.toISOString() writes and reads.
        var sentAt = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var message = new RoomEvent(RoomEvent.Message, input.Room, sender.Value.UserId, input.Text, sentAt);
        return await BroadcastAsync(message, exclude: null, context).ConfigureAwait(false);
    }

    public async Task<APIGatewayProxyResponse> TypingAsync(APIGatewayWebSocketRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        if (!TryReadValidRoom(request, withText: false, out var input, out var error))
        {
            return Refuse(context, error);
        }

        var (sender, refusal) = await SenderAsync(request, context).ConfigureAwait(false);
        if (sender is null)
        {
            return refusal!;
        }

        // The typist knows they are typing: everyone else hears it.
        var typing = new RoomEvent(RoomEvent.Typing, input.Room, sender.Value.UserId);
        return await BroadcastAsync(typing, exclude: sender.Value.ConnectionId, context).ConfigureAwait(false);
    }

    private static bool TryReadValidRoom(APIGatewayWebSocketRequest request, bool withText, out RoomRequest input, out string error)
    {
        if (!ChatInput.TryReadRoomRequest(request, withText, out input, out error))
        {
            return false;
        }

        if (!RoomNames.IsValid(input.Room))
        {
            error = $"room must be 1 to {RoomNames.MaxLength} letters, digits, '.', '_', ':' or '-'.";
            return false;
        }

        return true;
    }

    /// <summary>The caller and its user, or the refusal when the event has no connection or the connection no user.</summary>
    private async Task<(Sender? Sender, APIGatewayProxyResponse? Refusal)> SenderAsync(APIGatewayWebSocketRequest request, FunctionContext context)
    {
        if (ChatInput.ConnectionIdOf(request) is not { } connectionId)
        {
            return (null, Refuse(context, "requestContext.connectionId is required: invoke this function through a WebSocket API."));
        }

        if (await store.GetUserAsync(connectionId, context.CancellationToken).ConfigureAwait(false) is not { } userId)
        {
            // Its $connect did not go through the connect function, or its entry is older than any connection can be.
            Log.UnknownConnection(logger, context.AwsRequestId, connectionId);
            return (null, ChatResponses.Error(403, "This connection has no user: connect with ?userId=..."));
        }

        return (new Sender(connectionId, userId), null);
    }

    private async Task<APIGatewayProxyResponse> BroadcastAsync(RoomEvent message, string? exclude, FunctionContext context)
    {
        using var activity = ChatTelemetry.StartBroadcast(message.Type, message.Room, message.UserId);
        var frame = JsonSerializer.SerializeToUtf8Bytes(message, ChatJsonContext.Wire.RoomEvent);
        var reply = await connections.BroadcastAsync(message.Room, frame, exclude, context.CancellationToken).ConfigureAwait(false);
        activity?.SetTag("http.response.status_code", reply.StatusCode);
        if (!reply.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "the hub refused the broadcast");
            Log.BroadcastFailed(logger, context.AwsRequestId, message.Type, message.Room, reply.StatusCode);
            return ChatResponses.Error(502, "The message could not be broadcast.");
        }

        activity?.SetTag("chat.members", reply.Members);
        telemetry.Broadcast(message.Type);
        Log.Broadcast(logger, message.Type, message.Room, message.UserId, reply.Members);
        return ChatResponses.Ok();
    }

    private APIGatewayProxyResponse Refuse(FunctionContext context, string error)
    {
        Log.Refused(logger, context.FunctionName, context.AwsRequestId, error);
        return ChatResponses.Error(400, error);
    }

    private static string Shorten(string room) => room.Length <= LoggedRoomLength ? room : room[..LoggedRoomLength] + "...";

    private readonly record struct Sender(string ConnectionId, string UserId);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Invocation {AwsRequestId} of {FunctionName} refused: {Problem}")]
        public static partial void Refused(ILogger logger, string functionName, string awsRequestId, string problem);

        [LoggerMessage(2, LogLevel.Warning, "Invocation {AwsRequestId}: ignored joinRoom to '{Room}', which is not a valid room name.")]
        public static partial void InvalidRoomIgnored(ILogger logger, string awsRequestId, string room);

        [LoggerMessage(3, LogLevel.Warning, "Invocation {AwsRequestId}: connection {ConnectionId} has no user entry; nothing sent.")]
        public static partial void UnknownConnection(ILogger logger, string awsRequestId, string connectionId);

        [LoggerMessage(4, LogLevel.Warning, "Invocation {AwsRequestId}: the hub answered {StatusCode} to joining {ConnectionId} to room {Room}.")]
        public static partial void JoinFailed(ILogger logger, string awsRequestId, string connectionId, string room, int statusCode);

        [LoggerMessage(5, LogLevel.Information, "Connection {ConnectionId} (user {UserId}) joined room {Room}.")]
        public static partial void Joined(ILogger logger, string connectionId, string userId, string room);

        [LoggerMessage(6, LogLevel.Error, "Invocation {AwsRequestId}: the hub answered {StatusCode} to the {Type} broadcast to room {Room} (0: no answer).")]
        public static partial void BroadcastFailed(ILogger logger, string awsRequestId, string type, string room, int statusCode);

        [LoggerMessage(7, LogLevel.Debug, "Broadcast {Type} from user {UserId} to room {Room}: {Members} member(s).")]
        public static partial void Broadcast(ILogger logger, string type, string room, string userId, int members);
    }
}
