using Platform.Users.Storage;

namespace Platform.Users.Tests.Storage;

public sealed class InMemoryUserStoreTests : UserStoreTests
{
    protected override IUserStore CreateStore() => new InMemoryUserStore();
}
