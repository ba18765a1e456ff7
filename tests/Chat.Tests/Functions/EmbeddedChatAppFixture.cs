namespace Platform.Chat.Tests.Functions;

/// <summary>The Chat app without <c>ConnectionStrings:redis</c>: embedded mode, connection users in memory.</summary>
public sealed class EmbeddedChatAppFixture : ChatAppFixture
{
    protected override Task<string?> StartRedisAsync() => Task.FromResult<string?>(null);
}
