using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Platform.Chat.Connections;

/// <summary>
/// The hub's <c>@connections</c> API of the chat's stage, as the chat uses it: join a room (our rooms extension,
/// <c>PUT @connections/{id}/rooms/{room}</c>) and broadcast to a room (<c>POST @connections/@rooms/{room}</c>,
/// optionally excluding one connection). Requests go through the named client <see cref="HttpClientName"/>, which
/// signs them with SigV4 (service <c>execute-api</c>). A hub that cannot be reached is an answer here, never an
/// exception, so that a function can say what went wrong.
/// </summary>
internal sealed partial class ConnectionsClient(IHttpClientFactory httpClientFactory, IOptions<ChatOptions> options, ILogger<ConnectionsClient> logger)
{
    public const string HttpClientName = "connections";

    private readonly string _connectionsBase = options.Value.ConnectionsEndpoint.TrimEnd('/') + "/@connections/";

    /// <summary>Adds <paramref name="connectionId"/> to <paramref name="room"/>: 204 when done, 410 when the connection is gone.</summary>
    public async Task<HubReply> JoinRoomAsync(string connectionId, string room, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentException.ThrowIfNullOrEmpty(room);

        // Ids end in '=' and may hold other reserved characters: each path segment is percent-encoded, as AWS's SDKs do.
        var uri = new Uri($"{_connectionsBase}{Uri.EscapeDataString(connectionId)}/rooms/{Uri.EscapeDataString(room)}");
        using var request = new HttpRequestMessage(HttpMethod.Put, uri);
        return await SendAsync(request, "join", readMembers: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="message"/> to every member of <paramref name="room"/> but <paramref name="excludeConnectionId"/>.</summary>
    public async Task<HubReply> BroadcastAsync(string room, byte[] message, string? excludeConnectionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentNullException.ThrowIfNull(message);

        var query = excludeConnectionId is null ? "" : "?exclude=" + Uri.EscapeDataString(excludeConnectionId);
        var uri = new Uri($"{_connectionsBase}@rooms/{Uri.EscapeDataString(room)}{query}");
        // Awaited here, not returned: the request (and its content) must outlive the send.
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(message) };
        return await SendAsync(request, "broadcast", readMembers: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HubReply> SendAsync(HttpRequestMessage request, string operation, bool readMembers, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode || !readMembers)
            {
                return new HubReply(status);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new HubReply(status, MembersOf(body, request.RequestUri!));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The hub is away or too slow; the caller is still there and gets a reply it can act on.
            Log.HubUnreachable(logger, ex, operation, request.RequestUri!);
            return HubReply.Unreachable;
        }
    }

    /// <summary>The member count of a broadcast's <c>{"members":N}</c>; 0 when the body says otherwise (the message went out all the same).</summary>
    private int MembersOf(byte[] body, Uri uri)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ChatJsonContext.Wire.BroadcastReply)?.Members ?? 0;
        }
        catch (JsonException ex)
        {
            Log.UnreadableBroadcastReply(logger, ex, uri);
            return 0;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The @connections {Operation} call to {Uri} failed: the hub did not answer.")]
        public static partial void HubUnreachable(ILogger logger, Exception exception, string operation, Uri uri);

        [LoggerMessage(2, LogLevel.Warning, "The broadcast to {Uri} succeeded but its reply is not {{\"members\":N}}.")]
        public static partial void UnreadableBroadcastReply(ILogger logger, Exception exception, Uri uri);
    }
}
