namespace Platform.ConnectionHub.Events;

/// <summary>
/// What the client gets back for one message: the route response's body, an AWS error frame, or nothing (a
/// one-way route).
/// </summary>
public readonly record struct MessageOutcome(byte[]? Reply, bool IsErrorFrame)
{
    public static MessageOutcome None => default;
}
