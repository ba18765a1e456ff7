namespace Platform.Users.Storage;

/// <summary>One page of a listing; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record UserPage(IReadOnlyList<User> Users, string? NextCursor);
