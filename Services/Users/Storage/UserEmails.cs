namespace Platform.Users.Storage;

/// <summary>The form an email is compared in: uniqueness ignores case, as mail providers do.</summary>
internal static class UserEmails
{
    public static string UniquenessKey(string email) => email.Trim().ToUpperInvariant();
}
