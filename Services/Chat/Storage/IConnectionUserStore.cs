namespace Platform.Chat.Storage;

/// <summary>
/// Which user each open connection belongs to, written on <c>$connect</c> and removed on <c>$disconnect</c>:
/// Redis (<see cref="RedisConnectionUserStore"/>) or this process's memory in embedded mode
/// (<see cref="InMemoryConnectionUserStore"/>), with the same semantics. An entry outlives its connection by at most
/// <see cref="EntryLifetime"/>, so one whose <c>$disconnect</c> never ran (best effort, as in AWS) does not stay forever.
/// </summary>
public interface IConnectionUserStore
{
    /// <summary>
    /// How long an entry lives after it was written: AWS's 2-hour maximum connection duration plus a margin, so no
    /// entry expires while its connection can still be open.
    /// </summary>
    static readonly TimeSpan EntryLifetime = TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5);

    /// <summary>Records that <paramref name="connectionId"/> belongs to <paramref name="userId"/>, replacing any earlier entry.</summary>
    Task SetUserAsync(string connectionId, string userId, CancellationToken cancellationToken = default);

    /// <summary>The user of <paramref name="connectionId"/>, or null when it has no (live) entry.</summary>
    Task<string?> GetUserAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry of <paramref name="connectionId"/>; false when there was none.</summary>
    Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken = default);
}
