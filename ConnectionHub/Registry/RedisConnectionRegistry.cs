using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The registry shared through Redis (key layout in <see cref="RedisRegistryKeys"/>). Calls for a connection this
/// replica owns go straight to the sink; the others cost one Redis round trip each (a Lua script that checks the
/// record and the owner's heartbeat, then publishes the command on the owner's channel). Broadcasts are one
/// publish that every replica hears and delivers to its local members.
/// </summary>
/// <remarks>
/// Ordering: the Join for a member and a later broadcast reach its owner over one subscription in publish order,
/// and StackExchange.Redis hands them to the handlers in that order while
/// <see cref="IConnectionMultiplexer.PreserveAsyncOrder"/> is on (its default), which is therefore required.
/// </remarks>
public sealed partial class RedisConnectionRegistry : IConnectionRegistry
{
    /// <summary>Touches are flushed this often, so a record's LastActiveAt is at most this stale.</summary>
    private static readonly TimeSpan TouchFlushInterval = TimeSpan.FromSeconds(1);

    private readonly IConnectionMultiplexer _connection;
    private readonly ConnectionRegistryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RedisRegistryStore _store;
    private readonly LocalConnectionIndex _local = new();
    private readonly TouchBuffer _touches = new();
    private readonly Lock _stopLock = new();
    private IConnectionSink? _sink;
    private RegistryMessageHandler? _handler;
    private PeriodicWork[] _work = [];
    private int _state;
    private Task? _stopping;

    public RedisConnectionRegistry(
        IConnectionMultiplexer connection,
        IOptions<ConnectionRegistryOptions> options,
        TimeProvider timeProvider,
        ILogger<RedisConnectionRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var validation = new ConnectionRegistryOptionsValidator().Validate(null, options.Value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ConnectionRegistryOptions), validation.Failures);
        }

        if (!connection.PreserveAsyncOrder)
        {
            throw new InvalidOperationException(
                "The connection registry needs ConnectionMultiplexer.PreserveAsyncOrder (the default): rooms rely on ordered pub/sub delivery.");
        }

        _connection = connection;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _store = new RedisRegistryStore(connection.GetDatabase(), new RedisRegistryKeys(_options.KeyPrefix), ReplicaId);
    }

    public string ReplicaId { get; } = Guid.NewGuid().ToString("N");

    public bool IsShared => true;

    private IConnectionSink Sink => _sink ?? throw new InvalidOperationException("The registry is not started: call StartAsync first.");

    public async Task StartAsync(IConnectionSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The registry is already started.");
        }

        _sink = sink;
        var handler = _handler = new RegistryMessageHandler(_local, sink, _logger);
        await RedisRegistryStore.LoadScriptsAsync(_connection, cancellationToken).ConfigureAwait(false);
        var subscriber = _connection.GetSubscriber();
        // Listen before the first heartbeat: a replica that looks live always hears its commands.
        await subscriber.SubscribeAsync(_store.Keys.Commands(ReplicaId), handler.Commands).WaitAsync(cancellationToken).ConfigureAwait(false);
        await subscriber.SubscribeAsync(_store.Keys.Broadcast, handler.Broadcasts).WaitAsync(cancellationToken).ConfigureAwait(false);
        await _store.HeartbeatAsync(_options.HeartbeatTtl, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        var liveness = new RedisReplicaLiveness(_store, _local, sink, _options, _timeProvider, _logger);
        _work =
        [
            new PeriodicWork(_timeProvider, _options.HeartbeatInterval, liveness.BeatAsync, OnWorkFailed),
            new PeriodicWork(_timeProvider, _options.EffectiveJanitorInterval, liveness.SweepAsync, OnWorkFailed),
            new PeriodicWork(_timeProvider, TouchFlushInterval, _ => FlushTouches(), OnWorkFailed),
        ];
        Log.Started(_logger, ReplicaId, _options.KeyPrefix, _options.HeartbeatTtl);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Every caller waits for the one stop: a host stopped twice at once (WebApplicationFactory's stop and
        // Program's Run) disposes its services, the multiplexer among them, as soon as its second stop returns, so a
        // second call that returned early would have the multiplexer disposed under the first, half-way through.
        lock (_stopLock)
        {
            _stopping ??= Interlocked.Exchange(ref _state, 2) == 1 ? StopOnceAsync(cancellationToken) : Task.CompletedTask;
            return _stopping.WaitAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var work in _work)
        {
            await work.DisposeAsync().ConfigureAwait(false);
        }

        var handler = _handler!;
        handler.Stop();
        // A multiplexer that is disposed or cut off cannot unsubscribe (1.2.6 throws); the heartbeat then
        // expires by itself and Redis drops the subscription with the connection.
        if (!_connection.IsConnected)
        {
            Log.StopOffline(_logger, ReplicaId);
            return;
        }

        try
        {
            await FlushTouches().ConfigureAwait(false);
            var subscriber = _connection.GetSubscriber();
            await subscriber.UnsubscribeAsync(_store.Keys.Commands(ReplicaId), handler.Commands).WaitAsync(cancellationToken).ConfigureAwait(false);
            await subscriber.UnsubscribeAsync(_store.Keys.Broadcast, handler.Broadcasts).WaitAsync(cancellationToken).ConfigureAwait(false);
            // The replica stays in the replica set: should connections remain, the janitors claim them as orphans.
            await _store.DeleteHeartbeatAsync(cancellationToken).ConfigureAwait(false);
            Log.Stopped(_logger, ReplicaId, _local.Count);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Log.StopFailed(_logger, ex, ReplicaId);
        }
    }

    public async Task AddAsync(ConnectionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        RegistryArguments.ThrowIfNotOwnedBy(record, ReplicaId);

        // Indexed here first: commands for the connection can arrive as soon as Redis knows it.
        _local.Add(record);
        try
        {
            await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _local.Remove(record.ConnectionId);
            throw;
        }
    }

    /// <remarks>Not cancellable once sent: its answer decides who runs <c>$disconnect</c>, so it is always awaited.</remarks>
    public async Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        cancellationToken.ThrowIfCancellationRequested();

        _local.Remove(connectionId);
        return await _store.RemoveAsync(connectionId, claimFrom: null, CancellationToken.None).ConfigureAwait(false) is not null;
    }

    public Task<ConnectionRecord?> GetAsync(string scope, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(connectionId);
        return _store.GetAsync(scope, connectionId, cancellationToken);
    }

    public void Touch(string connectionId, DateTimeOffset lastActiveAt)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        _touches.Record(connectionId, lastActiveAt);
    }

    public async Task<DeliveryStatus> SendAsync(string scope, string connectionId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(connectionId);

        // Owned here: the sink knows the socket, and a socket that is not open any more is a closing connection.
        if (_local.Find(null, connectionId) is { } local)
        {
            return local.Scope == scope && Sink.Send(connectionId, new PushPayload(payload)) ? DeliveryStatus.Delivered : DeliveryStatus.Gone;
        }

        var message = new RegistryMessage(RegistryCommand.Send, connectionId, "", payload);
        return await _store.RouteAsync(scope, connectionId, message, cancellationToken).ConfigureAwait(false)
            ? DeliveryStatus.Delivered
            : DeliveryStatus.Gone;
    }

    public async Task<DeliveryStatus> CloseAsync(string scope, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(connectionId);

        if (_local.Find(null, connectionId) is { } local)
        {
            return local.Scope == scope && Sink.Close(connectionId) ? DeliveryStatus.Delivered : DeliveryStatus.Gone;
        }

        var message = new RegistryMessage(RegistryCommand.Close, connectionId, "", default);
        return await _store.RouteAsync(scope, connectionId, message, cancellationToken).ConfigureAwait(false)
            ? DeliveryStatus.Delivered
            : DeliveryStatus.Gone;
    }

    public async Task<DeliveryStatus> JoinAsync(string scope, string connectionId, string room, CancellationToken cancellationToken)
    {
        RegistryArguments.ThrowIfInvalid(scope, connectionId, room);
        var scopedRoom = LocalConnectionIndex.ScopedRoom(scope, room);

        // A local member is indexed before Redis lists it, so no broadcast can find it in Redis but miss it here.
        var local = _local.Join(scope, connectionId, scopedRoom);
        if (await _store.MembershipAsync(scope, connectionId, scopedRoom, join: true, cancellationToken).ConfigureAwait(false) == 0)
        {
            if (local)
            {
                _local.Leave(null, connectionId, scopedRoom);
            }

            return DeliveryStatus.Gone;
        }

        return DeliveryStatus.Delivered;
    }

    public async Task<DeliveryStatus> LeaveAsync(string scope, string connectionId, string room, CancellationToken cancellationToken)
    {
        RegistryArguments.ThrowIfInvalid(scope, connectionId, room);
        var scopedRoom = LocalConnectionIndex.ScopedRoom(scope, room);

        _local.Leave(scope, connectionId, scopedRoom);
        return await _store.MembershipAsync(scope, connectionId, scopedRoom, join: false, cancellationToken).ConfigureAwait(false) == 0
            ? DeliveryStatus.Gone
            : DeliveryStatus.Delivered;
    }

    public async Task<IReadOnlyList<string>> GetRoomMembersAsync(string scope, string room, CancellationToken cancellationToken)
    {
        RegistryArguments.ThrowIfInvalid(scope, room);
        return await _store.MembersAsync(LocalConnectionIndex.ScopedRoom(scope, room), cancellationToken).ConfigureAwait(false);
    }

    public Task<int> BroadcastAsync(string scope, string room, ReadOnlyMemory<byte> payload, string? exceptConnectionId, CancellationToken cancellationToken)
    {
        RegistryArguments.ThrowIfInvalid(scope, room);
        var scopedRoom = LocalConnectionIndex.ScopedRoom(scope, room);

        // Every replica, this one included, hears the one publish and delivers to its own members (OnBroadcast).
        var message = new RegistryMessage(RegistryCommand.Broadcast, exceptConnectionId ?? "", scopedRoom, payload);
        return _store.BroadcastAsync(scopedRoom, message, cancellationToken);
    }

    /// <remarks>A failed stop was already reported to its caller; disposing waits for it without throwing again.</remarks>
    public async ValueTask DisposeAsync() =>
        await StopAsync(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private void OnWorkFailed(Exception exception) => Log.WorkFailed(_logger, exception, ReplicaId);

    private Task FlushTouches()
    {
        try
        {
            foreach (var (connectionId, lastActiveAt) in _touches.Drain())
            {
                _store.Touch(connectionId, lastActiveAt);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Log.TouchFailed(_logger, ex);
        }

        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Connection registry started: replica {ReplicaId}, key prefix {Prefix}, heartbeat TTL {Ttl}.")]
        public static partial void Started(ILogger logger, string replicaId, string prefix, TimeSpan ttl);

        [LoggerMessage(2, LogLevel.Information, "Connection registry stopped: replica {ReplicaId}, {Count} connections left to their sockets' close.")]
        public static partial void Stopped(ILogger logger, string replicaId, int count);

        [LoggerMessage(3, LogLevel.Warning, "Stopping replica {ReplicaId} could not reach Redis; its heartbeat will expire by itself.")]
        public static partial void StopFailed(ILogger logger, Exception exception, string replicaId);

        [LoggerMessage(6, LogLevel.Error, "Periodic work of replica {ReplicaId} failed unexpectedly; it runs again at its next tick.")]
        public static partial void WorkFailed(ILogger logger, Exception exception, string replicaId);

        [LoggerMessage(5, LogLevel.Warning, "Replica {ReplicaId} stopped without Redis; its heartbeat will expire by itself.")]
        public static partial void StopOffline(ILogger logger, string replicaId);

        [LoggerMessage(4, LogLevel.Warning, "Writing connection activity failed; LastActiveAt stays older.")]
        public static partial void TouchFailed(ILogger logger, Exception exception);
    }
}
