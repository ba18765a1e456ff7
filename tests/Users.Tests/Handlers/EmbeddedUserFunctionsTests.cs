using Microsoft.Extensions.DependencyInjection;
using Platform.Users.Storage;

namespace Platform.Users.Tests.Handlers;

/// <summary>The user functions in embedded mode (no <c>ConnectionStrings:redis</c>).</summary>
public sealed class EmbeddedUserFunctionsTests(EmbeddedUsersAppFixture app) : UserFunctionsTests<EmbeddedUsersAppFixture>(app)
{
    [Fact]
    public void AddUsers_NoRedisConfigured_UsesTheInMemoryStore()
    {
        // Act
        var store = App.Services.GetRequiredService<IUserStore>();

        // Assert
        Assert.IsType<InMemoryUserStore>(store);
    }
}
