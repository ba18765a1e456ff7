namespace Platform.Chat.Connections;

/// <summary>
/// What the hub answered to one <c>@connections</c> call: its HTTP status (0 when it could not be reached or did
/// not answer in time) and, for a broadcast, how many members the message went to.
/// </summary>
internal readonly record struct HubReply(int StatusCode, int Members = 0)
{
    public static HubReply Unreachable { get; } = new(0);

    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>410: the connection is closed or never existed.</summary>
    public bool Gone => StatusCode == 410;
}
