namespace Platform.ConnectionHub.Tests.SignalR;

/// <summary>The <c>type</c> of a SignalR hub protocol message (the protocol spec's table; the tests use 1, 3, 6 and 7).</summary>
public enum HubMessageType
{
    Invocation = 1,
    StreamItem = 2,
    Completion = 3,
    StreamInvocation = 4,
    CancelInvocation = 5,
    Ping = 6,
    Close = 7,
}
