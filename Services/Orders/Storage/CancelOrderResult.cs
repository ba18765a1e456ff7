namespace Platform.Orders.Storage;

public enum CancelOrderResult
{
    /// <summary>The order was created and is now cancelled.</summary>
    Cancelled,

    /// <summary>The order was cancelled before; nothing changed.</summary>
    AlreadyCancelled,

    /// <summary>No order has the id.</summary>
    NotFound,
}
