using Microsoft.Extensions.DependencyInjection;
using Platform.Chat.Storage;

namespace Platform.Chat.Tests.Functions;

/// <summary>The chat functions in embedded mode (no <c>ConnectionStrings:redis</c>).</summary>
public sealed class EmbeddedChatFunctionsTests(EmbeddedChatAppFixture app) : ChatFunctionsTests<EmbeddedChatAppFixture>(app)
{
    [Fact]
    public void AddChat_NoRedisConfigured_UsesTheInMemoryStore()
    {
        // Act
        var store = App.Services.GetRequiredService<IConnectionUserStore>();

        // Assert
        Assert.IsType<InMemoryConnectionUserStore>(store);
    }
}
