using System.Buffers.Text;
using System.Text;

namespace Platform.Users.Storage;

/// <summary>
/// The opaque paging cursor: the last listed user's id, base64url-encoded so that clients treat it as a token
/// and never build one. Both stores resume after that user, which is stable while other users are added.
/// </summary>
internal static class UserCursor
{
    public static string Encode(string userId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(userId));

    public static bool TryDecode(string cursor, out string userId)
    {
        userId = string.Empty;
        if (cursor.Length is 0 or > 256 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        try
        {
            userId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        return userId.Length > 0;
    }
}
