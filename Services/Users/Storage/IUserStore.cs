namespace Platform.Users.Storage;

/// <summary>
/// Where users live: Redis (<see cref="RedisUserStore"/>) or this process's memory in embedded mode
/// (<see cref="InMemoryUserStore"/>), with the same semantics. Emails are unique, compared case-insensitively;
/// lists are newest first (ties by user id, descending) and paged with opaque cursors.
/// </summary>
public interface IUserStore
{
    /// <summary>Stores <paramref name="user"/> unless another user has its email; atomic, so that of racing creates with one email exactly one wins.</summary>
    Task<CreateUserResult> CreateAsync(User user, CancellationToken cancellationToken = default);

    /// <summary>The user with <paramref name="userId"/>, or null.</summary>
    Task<User?> GetAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> users, newest first, starting after <paramref name="cursor"/> (the
    /// <see cref="UserPage.NextCursor"/> of the previous page; null for the first page). Null when the cursor is
    /// not one this store issued.
    /// </summary>
    Task<UserPage?> ListAsync(int limit, string? cursor, CancellationToken cancellationToken = default);
}
