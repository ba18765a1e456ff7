using System.Globalization;
using StackExchange.Redis;

namespace Platform.Users.Storage;

/// <summary>
/// Users in Redis: a hash per user (<c>users:{id}</c>), a sorted set of ids scored by creation millisecond
/// (<c>users:index</c>) and a hash from the case-folded email to the id (<c>users:emails</c>) that makes
/// emails unique. Create and list are Lua scripts, so each is one atomic step on the server.
/// </summary>
public sealed class RedisUserStore : IUserStore
{
    public const string DefaultKeyPrefix = "users";

    private const string IndexSuffix = "index";
    private const string EmailsSuffix = "emails";

    // Claiming the email with HSETNX and writing the user happen in one script: of two racing creates with the
    // same email, exactly one claims it, and no user is ever visible without its claim.
    private const string CreateScript = """
        if redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[1]) == 0 then
          return 0
        end
        redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'name', ARGV[3], 'email', ARGV[4], 'createdAt', ARGV[5])
        redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
        return 1
        """;

    // The cursor's rank and the page are read in one step, so a create in between cannot shift the page.
    private const string ListScript = """
        local start = 0
        if ARGV[1] ~= '' then
          local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
          if not rank then
            return false
          end
          start = rank + 1
        end
        return redis.call('ZREVRANGE', KEYS[1], start, start + tonumber(ARGV[2]) - 1)
        """;

    private static readonly RedisValue[] Fields = ["userId", "name", "email", "createdAt"];

    private readonly IDatabase _database;
    private readonly string _keyPrefix;
    private readonly RedisKey _indexKey;
    private readonly RedisKey _emailsKey;

    /// <param name="database">The Redis database.</param>
    /// <param name="keyPrefix">Prefix of every key (<c>users</c>); tests give each store its own.</param>
    public RedisUserStore(IDatabase database, string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);

        _database = database;
        _keyPrefix = keyPrefix;
        _indexKey = keyPrefix + ":" + IndexSuffix;
        _emailsKey = keyPrefix + ":" + EmailsSuffix;
    }

    public async Task<CreateUserResult> CreateAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (IsReserved(user.UserId))
        {
            throw new ArgumentException($"'{user.UserId}' cannot be a user id: it names one of the store's own keys.", nameof(user));
        }

        RedisKey[] keys = [UserKey(user.UserId), _indexKey, _emailsKey];
        RedisValue[] values =
        [
            user.UserId,
            UserEmails.UniquenessKey(user.Email),
            user.Name,
            user.Email,
            user.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            user.CreatedAt.ToUnixTimeMilliseconds(),
        ];
        var created = await _database.ScriptEvaluateAsync(CreateScript, keys, values).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (int)created == 1 ? CreateUserResult.Created : CreateUserResult.EmailTaken;
    }

    public async Task<User?> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (IsReserved(userId))
        {
            // users:index and users:emails are not users (and reading the index as a hash is a WRONGTYPE error).
            return null;
        }

        var values = await _database.HashGetAsync(UserKey(userId), Fields).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ToUser(values);
    }

    public async Task<UserPage?> ListAsync(int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        var afterId = string.Empty;
        if (cursor is not null && !UserCursor.TryDecode(cursor, out afterId))
        {
            return null;
        }

        // One more than asked tells whether a next page exists.
        var page = await _database.ScriptEvaluateAsync(ListScript, [_indexKey], [afterId, limit + 1])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (page.IsNull)
        {
            return null;
        }

        var ids = (string[])page!;
        var hasMore = ids.Length > limit;
        var reads = ids.Take(limit).Select(id => _database.HashGetAsync(UserKey(id), Fields)).ToArray();
        var hashes = await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);

        // Users are never deleted, so every listed id has its hash; the filter only guards against manual edits.
        var users = hashes.Select(ToUser).OfType<User>().ToList();
        var nextCursor = hasMore && users.Count > 0 ? UserCursor.Encode(ids[limit - 1]) : null;
        return new UserPage(users, nextCursor);
    }

    private RedisKey UserKey(string userId) => _keyPrefix + ":" + userId;

    private static bool IsReserved(string userId) => userId is IndexSuffix or EmailsSuffix;

    private static User? ToUser(RedisValue[] values)
    {
        if (values.Any(value => value.IsNull))
        {
            return null;
        }

        return new User(
            values[0]!,
            values[1]!,
            values[2]!,
            DateTimeOffset.ParseExact((string)values[3]!, "O", CultureInfo.InvariantCulture));
    }
}
