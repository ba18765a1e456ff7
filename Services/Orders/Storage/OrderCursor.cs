using System.Buffers.Text;
using System.Text;

namespace Platform.Orders.Storage;

/// <summary>
/// The opaque paging cursor: the last listed order's id, base64url-encoded so that clients treat it as a token
/// and never build one. Both stores resume after that order, which is stable while other orders are added
/// (orders are never removed: cancelling keeps them).
/// </summary>
internal static class OrderCursor
{
    // Base64url of a 32-character id is 43 characters; anything much longer is not ours.
    private const int MaxLength = 64;

    public static string Encode(string orderId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(orderId));

    public static bool TryDecode(string cursor, out string orderId)
    {
        orderId = string.Empty;
        if (cursor.Length is 0 or > MaxLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        try
        {
            orderId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        return OrderIds.IsWellFormed(orderId);
    }
}
