using System.Diagnostics.Metrics;

namespace Platform.Orders.Api;

/// <summary>The Orders service's business metric: <c>platform.orders.created</c>.</summary>
internal sealed class OrdersMetrics
{
    public const string MeterName = "Platform.Orders";

    private readonly Counter<long> _created;

    public OrdersMetrics(IMeterFactory meterFactory)
    {
        _created = meterFactory.Create(MeterName)
            .CreateCounter<long>("platform.orders.created", unit: "{order}", description: "Orders created.");
    }

    public void OrderCreated() => _created.Add(1);
}
