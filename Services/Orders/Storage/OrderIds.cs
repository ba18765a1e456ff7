namespace Platform.Orders.Storage;

/// <summary>
/// Order ids: 32 lowercase hex digits of a version 7 GUID, so that ids of later orders sort later. The stores
/// accept only ids of this shape, which also keeps an id from naming one of their own keys (<c>orders:index</c>).
/// </summary>
public static class OrderIds
{
    public const int Length = 32;

    public static string New(DateTimeOffset createdAt) => Guid.CreateVersion7(createdAt).ToString("N");

    public static bool IsWellFormed(string? id) => id is { Length: Length } && id.All(char.IsAsciiHexDigitLower);
}
