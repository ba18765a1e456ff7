namespace Platform.Users.Tests.Handlers;

/// <summary>The Users app without <c>ConnectionStrings:redis</c>: embedded mode, users in memory.</summary>
public sealed class EmbeddedUsersAppFixture : UsersAppFixture
{
    protected override Task<string?> StartRedisAsync() => Task.FromResult<string?>(null);
}
