using Platform.Chat.Storage;
using Platform.Functions;

namespace Platform.Chat.Functions;

/// <summary>
/// The connection's life: <c>connect</c> (<c>$connect</c>: records which user the connection belongs to, from the
/// <c>$connect</c> authorizer's context <c>userId</c> or else the <c>userId</c> query parameter, or rejects the
/// handshake with 400), <c>disconnect</c> (<c>$disconnect</c>: forgets
/// it) and <c>whoami</c> (answers the caller's connection id; its route has a route response, so the hub sends the
/// body back as a frame).
/// </summary>
internal sealed partial class ConnectionFunctions(IConnectionUserStore store, ILogger<ConnectionFunctions> logger)
{
    public const string Connect = "connect";
    public const string Disconnect = "disconnect";
    public const string WhoAmI = "whoami";

    private const string NoConnectionId = "requestContext.connectionId is required: invoke this function through a WebSocket API.";

    public async Task<APIGatewayProxyResponse> ConnectAsync(APIGatewayWebSocketRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        if (ChatInput.ConnectionIdOf(request) is not { } connectionId)
        {
            return ChatResponses.Error(400, NoConnectionId);
        }

        // Behind a $connect authorizer the user is who the authorizer says (its context's userId), whatever the
        // query claims; without one the userId query parameter names the user.
        var userId = ChatInput.AuthorizedUserId(request) ?? request.QueryStringParameters?.GetValueOrDefault("userId");
        if (!ChatInput.IsUserId(userId))
        {
            Log.Rejected(logger, connectionId, context.AwsRequestId);
            return ChatResponses.Error(400, ChatInput.UserIdRequired);
        }

        await store.SetUserAsync(connectionId, userId!, context.CancellationToken).ConfigureAwait(false);
        Log.Connected(logger, connectionId, userId!);
        return ChatResponses.Ok();
    }

    public async Task<APIGatewayProxyResponse> DisconnectAsync(APIGatewayWebSocketRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        if (ChatInput.ConnectionIdOf(request) is not { } connectionId)
        {
            return ChatResponses.Error(400, NoConnectionId);
        }

        // The hub takes the connection out of its rooms itself; only the user entry is ours to remove.
        var removed = await store.RemoveAsync(connectionId, context.CancellationToken).ConfigureAwait(false);
        Log.Disconnected(logger, connectionId, removed);
        return ChatResponses.Ok();
    }

    public static APIGatewayProxyResponse HandleWhoAmI(APIGatewayWebSocketRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);

        return ChatInput.ConnectionIdOf(request) is { } connectionId
            ? ChatResponses.Json(200, new WhoAmIBody(connectionId), ChatJsonContext.Wire.WhoAmIBody)
            : ChatResponses.Error(400, NoConnectionId);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Connection {ConnectionId} belongs to user {UserId}.")]
        public static partial void Connected(ILogger logger, string connectionId, string userId);

        [LoggerMessage(2, LogLevel.Information, "Invocation {AwsRequestId}: refused connection {ConnectionId}, which has no valid userId query parameter.")]
        public static partial void Rejected(ILogger logger, string connectionId, string awsRequestId);

        [LoggerMessage(3, LogLevel.Information, "Connection {ConnectionId} closed (user entry removed: {Removed}).")]
        public static partial void Disconnected(ILogger logger, string connectionId, bool removed);
    }
}
