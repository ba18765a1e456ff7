namespace Platform.Definitions.Drafts;

/// <summary><c>apis.{api}.webSocketSettings</c> as read.</summary>
internal sealed record WebSocketSettingsDraft : DraftObject
{
    public int? IdleTimeoutSeconds { get; init; }

    public int? MaxConnectionDurationSeconds { get; init; }

    public int? MaxFrameBytes { get; init; }

    public int? MaxMessageBytes { get; init; }

    public bool? AllowBinaryFrames { get; init; }
}
