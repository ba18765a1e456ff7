namespace Platform.Orders.Storage;

/// <summary>
/// Newest first by creation millisecond, then by order id descending: exactly the order of Redis's
/// <c>ZREVRANGE</c> over a millisecond score, so that both stores list and page alike. Only the id and the
/// creation time take part, so an order and its cancelled copy are the same entry.
/// </summary>
internal sealed class NewestFirstComparer : IComparer<Order>
{
    public static readonly NewestFirstComparer Instance = new();

    public int Compare(Order? x, Order? y)
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
        return byTime != 0 ? byTime : string.CompareOrdinal(y.Id, x.Id);
    }
}
