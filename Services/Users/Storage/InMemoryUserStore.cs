namespace Platform.Users.Storage;

/// <summary>The embedded-mode store: this process's memory, one lock, the same semantics as <see cref="RedisUserStore"/>.</summary>
public sealed class InMemoryUserStore : IUserStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, User> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByEmail = new(StringComparer.Ordinal);
    private readonly SortedSet<User> _newestFirst = new(NewestFirstComparer.Instance);

    public Task<CreateUserResult> CreateAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (!_idByEmail.TryAdd(UserEmails.UniquenessKey(user.Email), user.UserId))
            {
                return Task.FromResult(CreateUserResult.EmailTaken);
            }

            _byId[user.UserId] = user;
            _newestFirst.Add(user);
        }

        return Task.FromResult(CreateUserResult.Created);
    }

    public Task<User?> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            return Task.FromResult(_byId.GetValueOrDefault(userId));
        }
    }

    public Task<UserPage?> ListAsync(int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            IEnumerable<User> candidates = _newestFirst;
            if (cursor is not null)
            {
                if (!UserCursor.TryDecode(cursor, out var afterId) || !_byId.TryGetValue(afterId, out var after))
                {
                    return Task.FromResult<UserPage?>(null);
                }

                // The view starts at the cursor's user itself; skip it. GetViewBetween is O(log n), not a scan.
                candidates = _newestFirst.GetViewBetween(after, _newestFirst.Max!).Skip(1);
            }

            // One more than asked tells whether a next page exists.
            var users = candidates.Take(limit + 1).ToList();
            var nextCursor = users.Count > limit ? UserCursor.Encode(users[limit - 1].UserId) : null;
            if (users.Count > limit)
            {
                users.RemoveAt(limit);
            }

            return Task.FromResult<UserPage?>(new UserPage(users, nextCursor));
        }
    }
}
