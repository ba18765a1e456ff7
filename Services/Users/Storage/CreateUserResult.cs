namespace Platform.Users.Storage;

public enum CreateUserResult
{
    Created,

    /// <summary>Another user already has the email (compared case-insensitively); nothing was stored.</summary>
    EmailTaken,
}
