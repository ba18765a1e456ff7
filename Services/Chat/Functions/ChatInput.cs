using System.Text.Json;
using Platform.Functions;

namespace Platform.Chat.Functions;

/// <summary>
/// Reads what clients send: the <c>userId</c> of the upgrade request's query, and the JSON of room messages. Every
/// problem is an error message for a 400, never an exception.
/// </summary>
internal static class ChatInput
{
    public const int MaxUserIdLength = 64;

    /// <summary>The longest message text, in characters (Unicode scalar values: an emoji counts once).</summary>
    public const int MaxTextLength = 4000;

    public const string UserIdRequired = "userId query parameter is required";

    /// <summary>1 to <see cref="MaxUserIdLength"/> ASCII letters, digits, <c>.</c>, <c>_</c> or <c>-</c>.</summary>
    /// <summary>The <c>userId</c> a <c>$connect</c> authorizer put in its context, when there is one.</summary>
    public static string? AuthorizedUserId(APIGatewayWebSocketRequest request) =>
        request?.RequestContext?.Authorizer?.GetValueOrDefault("userId") is { ValueKind: System.Text.Json.JsonValueKind.String } userId
            ? userId.GetString()
            : null;

    public static bool IsUserId(string? userId) =>
        userId is { Length: > 0 and <= MaxUserIdLength } && userId.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The caller's connection id; null when the event has none (it did not come from the hub).</summary>
    public static string? ConnectionIdOf(APIGatewayWebSocketRequest request) =>
        request.RequestContext?.ConnectionId is { Length: > 0 } id ? id : null;

    /// <summary>
    /// Reads a room message body: a JSON object whose <c>room</c> is a string and, when <paramref name="withText"/>,
    /// whose <c>text</c> is a string of 1 to <see cref="MaxTextLength"/> characters.
    /// </summary>
    public static bool TryReadRoomRequest(APIGatewayWebSocketRequest request, bool withText, out RoomRequest input, out string error)
    {
        input = default;
        string body;
        try
        {
            body = request.GetBodyText();
        }
        catch (FormatException)
        {
            error = "The message is marked base64 but is not.";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            error = "The message must be a JSON object.";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The message must be a JSON object.";
                return false;
            }

            if (!TryGetString(root, "room", out var room))
            {
                error = "room is required: a string.";
                return false;
            }

            string? text = null;
            if (withText && !TryReadText(root, out text, out error))
            {
                return false;
            }

            input = new RoomRequest(room, text);
            error = string.Empty;
            return true;
        }
    }

    private static bool TryReadText(JsonElement root, out string? text, out string error)
    {
        if (!TryGetString(root, "text", out var value) || value.Length == 0)
        {
            text = null;
            error = "text is required: a non-empty string.";
            return false;
        }

        // A string within the limit in UTF-16 units is within it in scalar values; only a longer one needs counting.
        if (value.Length > MaxTextLength && value.EnumerateRunes().Count() > MaxTextLength)
        {
            text = null;
            error = $"text is too long: at most {MaxTextLength} characters.";
            return false;
        }

        text = value;
        error = string.Empty;
        return true;
    }

    private static bool TryGetString(JsonElement root, string name, out string value)
    {
        if (root.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
        {
            value = property.GetString()!;
            return true;
        }

        value = string.Empty;
        return false;
    }
}
