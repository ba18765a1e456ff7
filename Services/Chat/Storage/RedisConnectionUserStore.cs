using StackExchange.Redis;

namespace Platform.Chat.Storage;

/// <summary>
/// Connection users in Redis: one string key per connection, <c>chat:connections:{connectionId}</c> holding the user
/// id, written with a TTL of <see cref="IConnectionUserStore.EntryLifetime"/> so Redis drops entries whose
/// <c>$disconnect</c> never came.
/// </summary>
public sealed class RedisConnectionUserStore : IConnectionUserStore
{
    public const string DefaultKeyPrefix = "chat:connections";

    private readonly IDatabase _database;
    private readonly string _keyPrefix;

    /// <param name="database">The Redis database.</param>
    /// <param name="keyPrefix">Prefix of every key (<c>chat:connections</c>); tests give each store its own.</param>
    public RedisConnectionUserStore(IDatabase database, string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);

        _database = database;
        _keyPrefix = keyPrefix;
    }

    public Task SetUserAsync(string connectionId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentException.ThrowIfNullOrEmpty(userId);

        return _database.StringSetAsync(Key(connectionId), userId, IConnectionUserStore.EntryLifetime).WaitAsync(cancellationToken);
    }

    public async Task<string?> GetUserAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);

        var value = await _database.StringGetAsync(Key(connectionId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : (string?)value;
    }

    public Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);

        return _database.KeyDeleteAsync(Key(connectionId)).WaitAsync(cancellationToken);
    }

    private RedisKey Key(string connectionId) => _keyPrefix + ":" + connectionId;
}
