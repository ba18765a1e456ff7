using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.ConnectionHub.Tests.SignalR;

/// <summary>
/// A SignalR client written from the hub protocol spec, JSON protocol version 1 over <see cref="ClientWebSocket"/>,
/// connecting straight to the WebSocket as the official clients do with <c>skipNegotiation</c>: every record ends
/// with 0x1e; the handshake request and response come first, then invocations (1), completions (3), pings (6) and
/// close (7). Every read and write has a timeout; pings are skipped where a test waits for something else.
/// </summary>
public sealed class SignalRClient : IAsyncDisposable
{
    public const byte RecordSeparator = 0x1e;

    private static readonly TimeSpan Timeout = Infrastructure.Socket.Timeout;

    private readonly List<byte> _pending = [];
    private readonly Queue<HubMessage> _deferred = new();
    private int _invocations;
    private bool _closed;

    private SignalRClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>True when the hub dropped the TCP connection without a WebSocket close frame.</summary>
    public bool ClosedWithoutHandshake { get; private set; }

    /// <summary>Opens the WebSocket only; the caller sends the handshake.</summary>
    public static async Task<SignalRClient> OpenAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await socket.ConnectAsync(uri, cts.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SignalRClient(socket);
    }

    /// <summary>Opens the WebSocket and completes the JSON protocol handshake; a refused handshake throws.</summary>
    public static async Task<SignalRClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = await OpenAsync(uri, configure);
        if (await client.HandshakeAsync() is { } error)
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"The hub refused the handshake: {error}");
        }

        return client;
    }

    /// <summary>Connects and asks <c>whoami</c> through the hub method <c>Send</c>, like <see cref="Infrastructure.Socket.ConnectWithIdAsync"/>.</summary>
    public static async Task<(SignalRClient Client, string ConnectionId)> ConnectWithIdAsync(Uri uri, string whoami = """{"action":"whoami"}""")
    {
        var client = await ConnectAsync(uri);
        await client.SendAsync("Send", whoami);
        using var reply = JsonDocument.Parse(await client.ReceivePushAsync());
        return (client, reply.RootElement.GetProperty("connectionId").GetString()!);
    }

    /// <summary>Sends the handshake request; returns null when the hub answered <c>{}</c>, else the hub's error.</summary>
    public async Task<string?> HandshakeAsync(string protocol = "json", int version = 1)
    {
        await WriteRecordAsync(new JsonObject { ["protocol"] = protocol, ["version"] = version });
        var record = await ReadRecordAsync() ?? throw new InvalidOperationException("The hub closed the socket without answering the handshake.");
        var response = JsonSerializer.Deserialize<JsonElement>(record);
        return response.TryGetProperty("error", out var error) ? error.GetString() : null;
    }

    /// <summary>A non-blocking invocation of hub method <paramref name="target"/> (no invocation id, so no completion).</summary>
    public Task SendAsync(string target, params string[] arguments) => WriteRecordAsync(Invocation(null, target, arguments));

    /// <summary>
    /// A blocking invocation: sends it with an invocation id and returns its completion. Messages arriving first are
    /// kept, in order, for <see cref="ReceiveAsync"/>.
    /// </summary>
    public async Task<HubMessage> InvokeAsync(string target, params string[] arguments)
    {
        var id = (++_invocations).ToString(CultureInfo.InvariantCulture);
        await WriteRecordAsync(Invocation(id, target, arguments));
        while (true)
        {
            var message = await ReadMessageAsync() ?? throw new InvalidOperationException($"The hub closed the socket before completing {target}.");
            if (message.Type == HubMessageType.Completion && message.InvocationId == id)
            {
                return message;
            }

            _deferred.Enqueue(message);
        }
    }

    /// <summary>The next message other than a ping; null once the hub has closed the socket.</summary>
    public async Task<HubMessage?> ReceiveAsync()
    {
        if (_deferred.TryDequeue(out var deferred))
        {
            return deferred;
        }

        while (await ReadMessageAsync() is { } message)
        {
            if (message.Type != HubMessageType.Ping)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>The next push: an invocation of client method <c>message</c>; returns its one string argument.</summary>
    public async Task<string> ReceivePushAsync()
    {
        var message = await ReceiveAsync();

        Assert.NotNull(message);
        Assert.True(message.Type == HubMessageType.Invocation && message.Target == "message", $"Expected an invocation of 'message', got {message}");
        Assert.Null(message.InvocationId);
        var argument = Assert.Single(message.Arguments);
        Assert.Equal(JsonValueKind.String, argument.ValueKind);
        return argument.GetString()!;
    }

    /// <summary>
    /// Reads to the end of the connection: returns the hub's close message (null when it closed the socket without
    /// one) and the WebSocket close status (null when the socket was dropped without a close frame).
    /// </summary>
    public async Task<(HubMessage? Close, WebSocketCloseStatus? Status)> ReceiveCloseAsync()
    {
        HubMessage? close = null;
        while (await ReceiveAsync() is { } message)
        {
            Assert.True(message.Type == HubMessageType.Close, $"Expected the hub to close the connection, got {message}");
            close ??= message;
        }

        return (close, Socket.CloseStatus);
    }

    /// <summary>Stops as the official clients do: a close message, then the WebSocket close handshake.</summary>
    public async Task StopAsync()
    {
        await WriteRecordAsync(new JsonObject { ["type"] = (int)HubMessageType.Close });
        using var cts = new CancellationTokenSource(Timeout);
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
    }

    public Task WriteRecordAsync(JsonNode json) => WriteRecordAsync(Encoding.UTF8.GetBytes(json.ToJsonString()));

    /// <summary>Sends <paramref name="json"/> as one record (the separator appended) in one WebSocket message.</summary>
    public async Task WriteRecordAsync(byte[] json)
    {
        var record = new byte[json.Length + 1];
        json.CopyTo(record, 0);
        record[^1] = RecordSeparator;
        using var cts = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, cts.Token);
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private static JsonObject Invocation(string? id, string target, string[] arguments)
    {
        var invocation = new JsonObject { ["type"] = (int)HubMessageType.Invocation };
        if (id is not null)
        {
            invocation["invocationId"] = id;
        }

        invocation["target"] = target;
        invocation["arguments"] = new JsonArray([.. arguments.Select(static a => JsonValue.Create(a))]);
        return invocation;
    }

    private async Task<HubMessage?> ReadMessageAsync() =>
        await ReadRecordAsync() is { } record ? HubMessage.Parse(record) : null;

    /// <summary>The next record without its separator; records may share a WebSocket message or span several.</summary>
    private async Task<byte[]?> ReadRecordAsync()
    {
        while (true)
        {
            var end = _pending.IndexOf(RecordSeparator);
            if (end >= 0)
            {
                var record = _pending.GetRange(0, end).ToArray();
                _pending.RemoveRange(0, end + 1);
                return record;
            }

            if (_closed)
            {
                Assert.True(_pending.Count == 0, $"The hub closed the socket after an unterminated record: {Encoding.UTF8.GetString([.. _pending])}");
                return null;
            }

            await ReceiveWebSocketMessageAsync();
        }
    }

    private async Task ReceiveWebSocketMessageAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(chunk, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed = true;
                    if (Socket.State == WebSocketState.CloseReceived)
                    {
                        // Answer the hub's close frame as browsers do.
                        await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
                    }

                    return;
                }

                _pending.AddRange(chunk.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                {
                    return;
                }
            }
        }
        catch (WebSocketException e) when (e.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
        {
            _closed = true;
            ClosedWithoutHandshake = true;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing from the hub within {Timeout.TotalSeconds:0} s.");
        }
    }
}
