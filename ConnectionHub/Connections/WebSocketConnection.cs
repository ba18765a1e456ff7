using System.Net.WebSockets;
using System.Text.Unicode;
using System.Threading.Channels;
using Platform.ConnectionHub.Events;
using Platform.ConnectionHub.Registry;
using Platform.Definitions;

namespace Platform.ConnectionHub.Connections;

/// <summary>
/// A raw WebSocket client on this replica. Pushes, route responses, error frames and the close are queued and
/// written by one sender loop, so frames never interleave and a slow client never blocks the caller: past
/// <see cref="MaxQueuedBytes"/> of unsent data the connection is closed (1008) rather than buffering without bound.
/// </summary>
internal sealed class WebSocketConnection : ILocalConnection
{
    public const int MaxQueuedBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<Outbound> _outbound = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private long _queuedBytes;
    private long _lastActivity;
    private int _closing;

    private readonly Action _abortConnection;

    /// <param name="abortConnection">Cuts the TCP connection: disposing an upgraded stream does not end a pending read.</param>
    public WebSocketConnection(WebSocket socket, ConnectionContext context, TimeProvider timeProvider, Action abortConnection)
    {
        _socket = socket;
        _abortConnection = abortConnection;
        Context = context;
        _timeProvider = timeProvider;
        ConnectedTimestamp = timeProvider.GetTimestamp();
        _lastActivity = ConnectedTimestamp;
        SenderCompletion = SendLoopAsync();
    }

    public ConnectionContext Context { get; }

    public string ConnectionId => Context.ConnectionId;

    public WebSocketSettings Settings => Context.Api.Settings;

    public long ConnectedTimestamp { get; }

    public long LastActivityTimestamp => Volatile.Read(ref _lastActivity);

    /// <summary>The close status this side sent, when it closed first (idle timeout, DELETE, shutdown, a limit).</summary>
    public WebSocketCloseStatus? ServerCloseStatus { get; private set; }

    public string? ServerCloseReason { get; private set; }

    public Task SenderCompletion { get; }

    /// <summary>Raised once per message written to the socket (push, route response or error frame), for metrics.</summary>
    public Action? Sent { get; init; }

    public void MarkActive() => Volatile.Write(ref _lastActivity, _timeProvider.GetTimestamp());

    public bool Send(PushPayload payload)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return false;
        }

        if (Interlocked.Add(ref _queuedBytes, payload.Length) > MaxQueuedBytes)
        {
            Close(WebSocketCloseStatus.PolicyViolation, "Client is not reading: too much unsent data");
            return false;
        }

        // Shared with every other member of a broadcast, as it is: no copy, and text or binary decided once.
        return _outbound.Writer.TryWrite(new Outbound(payload.Bytes, payload.IsText, null, null));
    }

    /// <summary>Queues a reply to the client's own message (route response or error frame).</summary>
    public void Reply(byte[] payload)
    {
        Interlocked.Add(ref _queuedBytes, payload.Length);
        _outbound.Writer.TryWrite(new Outbound(payload, Utf8.IsValid(payload), null, null));
    }

    public void Close(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        ServerCloseStatus = status;
        ServerCloseReason = reason;
        _outbound.Writer.TryWrite(new Outbound(null, IsText: false, status, reason));
        _outbound.Writer.TryComplete();
    }

    /// <summary>Stops the sender once the receive side is done (the socket is closed or aborted).</summary>
    public void Complete() => _outbound.Writer.TryComplete();

    private async Task SendLoopAsync()
    {
        // Yield first: the constructor must not run the loop's synchronous part.
        await Task.Yield();
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (item.Payload is { } payload)
                    {
                        Interlocked.Add(ref _queuedBytes, -payload.Length);
                        if (_socket.State != WebSocketState.Open)
                        {
                            continue;
                        }

                        var type = item.IsText ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
                        await _socket.SendAsync(payload, type, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                        MarkActive();
                        Sent?.Invoke();
                    }
                    else if (item.CloseStatus is { } status && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await CloseOutputAsync(status, item.CloseReason).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away; the receive loop sees it too and runs the close path.
            Abort();
        }
    }

    private async Task CloseOutputAsync(WebSocketCloseStatus status, string? reason)
    {
        using var timeout = new CancellationTokenSource(CloseHandshakeTimeout, _timeProvider);
        await _socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);

        // The client should answer with its close frame, which ends the receive loop; one that does not is cut off.
        _ = AbortIfStuckAsync();
    }

    private async Task AbortIfStuckAsync()
    {
        try
        {
            await Task.Delay(CloseHandshakeTimeout, _timeProvider).ConfigureAwait(false);
        }
        finally
        {
            if (_socket.State != WebSocketState.Closed)
            {
                Abort();
            }
        }
    }

    private void Abort()
    {
        _socket.Abort();
        _abortConnection();
    }

    private readonly record struct Outbound(ReadOnlyMemory<byte>? Payload, bool IsText, WebSocketCloseStatus? CloseStatus, string? CloseReason);
}
