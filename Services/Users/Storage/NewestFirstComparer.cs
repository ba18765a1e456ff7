namespace Platform.Users.Storage;

/// <summary>
/// Newest first by creation millisecond, then by user id descending: exactly the order of Redis's
/// <c>ZREVRANGE</c> over a millisecond score, so that both stores list and page alike.
/// </summary>
internal sealed class NewestFirstComparer : IComparer<User>
{
    public static readonly NewestFirstComparer Instance = new();

    public int Compare(User? x, User? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var byTime = y.CreatedAt.ToUnixTimeMilliseconds().CompareTo(x.CreatedAt.ToUnixTimeMilliseconds());
        return byTime != 0 ? byTime : string.CompareOrdinal(y.UserId, x.UserId);
    }
}
