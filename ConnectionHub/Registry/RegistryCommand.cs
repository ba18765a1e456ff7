namespace Platform.ConnectionHub.Registry;

/// <summary>What a <see cref="RegistryMessage"/> asks its receiving replica to do.</summary>
internal enum RegistryCommand : byte
{
    /// <summary>Queue the payload on the connection's socket.</summary>
    Send = 1,

    /// <summary>Close the connection's socket.</summary>
    Close = 2,

    /// <summary>Add the connection to a room of the local room index.</summary>
    Join = 3,

    /// <summary>Remove the connection from a room of the local room index.</summary>
    Leave = 4,

    /// <summary>Another replica removed the connection's record: drop it from the local indexes.</summary>
    Forget = 5,

    /// <summary>Deliver the payload to the local members of a room, except one connection.</summary>
    Broadcast = 6,
}
