namespace Platform.ConnectionHub.Registry;

/// <summary>The outcome of a call addressed to one connection.</summary>
public enum DeliveryStatus
{
    /// <summary>The connection is live and the command was handed to the replica that owns it.</summary>
    Delivered,

    /// <summary>
    /// The connection is closed, never existed, belongs to another scope, or its replica is dead (heartbeat
    /// expired or no subscriber on its channel): <c>410 GoneException</c>.
    /// </summary>
    Gone,
}
