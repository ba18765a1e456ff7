using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The Redis registry's periodic work: this replica's heartbeat, and the janitor that claims the connections of
/// replicas whose heartbeat expired, hands each to <see cref="IConnectionSink.OnOrphanedAsync"/> exactly once
/// across replicas, then forgets the dead replica.
/// </summary>
internal sealed partial class RedisReplicaLiveness(
    RedisRegistryStore store,
    LocalConnectionIndex connections,
    IConnectionSink sink,
    ConnectionRegistryOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Rewrites the heartbeat; run every <see cref="ConnectionRegistryOptions.HeartbeatInterval"/>.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await store.HeartbeatAsync(options.HeartbeatTtl, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // The heartbeat expired while this replica was alive: a pause longer than the TTL (a long GC, a suspended
            // VM, Redis out of reach). Other replicas may have declared it dead meanwhile and claimed some of its
            // connections, running their $disconnect. Writing the key again (done above) makes the rest live again,
            // and no claim can follow it: the claim re-checks the heartbeat in the same script. The sockets whose
            // records were claimed are closed here; their RemoveAsync then returns false, so no second $disconnect.
            Log.HeartbeatLapsed(logger, store.Keys.Prefix, options.HeartbeatTtl);
            await CloseClaimedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Log.HeartbeatFailed(logger, ex);
        }
    }

    /// <summary>One janitor pass; run every <see cref="ConnectionRegistryOptions.EffectiveJanitorInterval"/>.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var deadReplicaId in await store.DeadReplicasAsync(cancellationToken).ConfigureAwait(false))
            {
                await ClaimAsync(deadReplicaId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Log.JanitorFailed(logger, ex);
        }
    }

    private async Task ClaimAsync(string deadReplicaId, CancellationToken cancellationToken)
    {
        // The lock only spares the survivors duplicate work; exactly-once comes from the claim script. It expires
        // by itself should this replica die while holding it.
        if (!await store.TryLockAsync(deadReplicaId, options.HeartbeatTtl, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var claimed = 0;
            foreach (var connectionId in await store.ConnectionsOfAsync(deadReplicaId, cancellationToken).ConfigureAwait(false))
            {
                var record = await store.RemoveAsync(connectionId, claimFrom: deadReplicaId, cancellationToken).ConfigureAwait(false);
                if (record is null)
                {
                    continue;
                }

                claimed++;
                await HandOverAsync(record, cancellationToken).ConfigureAwait(false);
            }

            var forgotten = await store.ForgetAsync(deadReplicaId, cancellationToken).ConfigureAwait(false);
            Log.Claimed(logger, claimed, deadReplicaId, forgotten);
        }
        finally
        {
            await store.UnlockAsync(deadReplicaId, CancellationToken.None)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task HandOverAsync(ConnectionRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await sink.OnOrphanedAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The record is gone whatever the sink did: a retry would need a second claim, which cannot happen.
            Log.OrphanFailed(logger, ex, record.ConnectionId);
        }
    }

    private async Task CloseClaimedAsync(CancellationToken cancellationToken)
    {
        var local = connections.Ids();
        if (local.Length == 0)
        {
            return;
        }

        var missing = await store.MissingConnectionsAsync(local, cancellationToken).ConfigureAwait(false);
        foreach (var connectionId in missing)
        {
            connections.Remove(connectionId);
            sink.Close(connectionId);
        }

        Log.ClosedClaimed(logger, missing.Length);
    }

    private static partial class Log
    {
        [LoggerMessage(21, LogLevel.Warning,
            "This replica's heartbeat under {Prefix} had expired (TTL {Ttl}): it was re-created; other replicas may have claimed some of its connections meanwhile.")]
        public static partial void HeartbeatLapsed(ILogger logger, string prefix, TimeSpan ttl);

        [LoggerMessage(22, LogLevel.Warning, "Closed {Count} connections whose records other replicas claimed while this replica's heartbeat had expired.")]
        public static partial void ClosedClaimed(ILogger logger, int count);

        [LoggerMessage(23, LogLevel.Warning, "Writing the heartbeat failed; retrying at the next beat.")]
        public static partial void HeartbeatFailed(ILogger logger, Exception exception);

        [LoggerMessage(24, LogLevel.Warning, "The janitor pass failed; retrying at the next pass.")]
        public static partial void JanitorFailed(ILogger logger, Exception exception);

        [LoggerMessage(25, LogLevel.Information, "Claimed {Count} connections of dead replica {DeadReplicaId} (forgotten: {Forgotten}).")]
        public static partial void Claimed(ILogger logger, int count, string deadReplicaId, bool forgotten);

        [LoggerMessage(26, LogLevel.Error, "Handling orphaned connection {ConnectionId} failed; its record is already removed.")]
        public static partial void OrphanFailed(ILogger logger, Exception exception, string connectionId);
    }
}
