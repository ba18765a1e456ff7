using StackExchange.Redis;

namespace Platform.ServiceDefaults.Redis;

/// <summary>
/// A Lua script run with EVALSHA: loaded once (SCRIPT LOAD on every connected primary, on a pool thread, so the
/// first callers wait on one task instead of each blocking a thread on the connection), and sent again as EVAL when
/// a server answers NOSCRIPT (a restart or SCRIPT FLUSH emptied its cache; EVAL caches it again). A failed load
/// (Redis away) is retried by the next call. Every step is bounded by the caller's timeout.
/// </summary>
public sealed class RedisLuaScript
{
    private readonly PlatformRedis _redis;
    private readonly Lock _loadLock = new();
    private Task<byte[]>? _hash;

    public RedisLuaScript(PlatformRedis redis, string text)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrEmpty(text);
        _redis = redis;
        Text = text;
    }

    public string Text { get; }

    /// <summary>Runs the script; throws the client's exception (connection, timeout) or a <see cref="TimeoutException"/> past <paramref name="timeout"/>.</summary>
    public async Task<RedisResult> EvaluateAsync(RedisKey[] keys, RedisValue[] values, TimeSpan timeout)
    {
        var hash = await LoadAsync().WaitAsync(timeout).ConfigureAwait(false);
        var database = _redis.GetDatabase();
        try
        {
            return await database.ScriptEvaluateAsync(hash, keys, values).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(Text, keys, values).WaitAsync(timeout).ConfigureAwait(false);
        }
    }

    /// <summary>Connects (the first time) and loads the script; the task every caller awaits until it succeeds once.</summary>
    public Task<byte[]> LoadAsync()
    {
        var hash = Volatile.Read(ref _hash);
        if (hash is { IsFaulted: false, IsCanceled: false })
        {
            return hash;
        }

        lock (_loadLock)
        {
            if (_hash is null || _hash.IsFaulted || _hash.IsCanceled)
            {
                _hash = Task.Run(LoadCoreAsync);
            }

            return _hash;
        }
    }

    private async Task<byte[]> LoadCoreAsync()
    {
        var connection = _redis.Connection;
        var endpoints = connection.GetEndPoints();
        byte[]? hash = null;
        foreach (var endpoint in endpoints)
        {
            var server = connection.GetServer(endpoint);
            if (server.IsConnected && !server.IsSlave)
            {
                hash = await server.ScriptLoadAsync(Text).ConfigureAwait(false);
            }
        }

        // Nothing connected: the client's own error (RedisConnectionException) says why.
        return hash ?? await connection.GetServer(endpoints[0]).ScriptLoadAsync(Text).ConfigureAwait(false);
    }
}
