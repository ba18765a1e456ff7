namespace Platform.Functions;

/// <summary>The values of a WebSocket event's <c>requestContext.eventType</c>.</summary>
public static class WebSocketEventTypes
{
    public const string Connect = "CONNECT";
    public const string Message = "MESSAGE";
    public const string Disconnect = "DISCONNECT";
}
