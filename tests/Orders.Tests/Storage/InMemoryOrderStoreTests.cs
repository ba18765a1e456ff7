using Platform.Orders.Storage;

namespace Platform.Orders.Tests.Storage;

public sealed class InMemoryOrderStoreTests : OrderStoreTests
{
    protected override IOrderStore CreateStore() => new InMemoryOrderStore();
}
