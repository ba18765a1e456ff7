namespace Platform.Orders.Storage;

/// <summary>One page of a listing; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record OrderPage(IReadOnlyList<Order> Orders, string? NextCursor);
