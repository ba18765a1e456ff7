namespace Platform.Definitions;

/// <summary>
/// A WebSocket API's limits (<c>webSocketSettings</c>); each default is AWS's (AWS-REFERENCE §7.6).
/// </summary>
public sealed record WebSocketSettings
{
    public static WebSocketSettings Default { get; } = new();

    /// <summary>A connection with no data frames either way for this long is closed (1001). Default 600 (10 min).</summary>
    public int IdleTimeoutSeconds { get; init; } = 600;

    /// <summary>A connection is closed (1001) after this long. Default 7,200 (2 h).</summary>
    public int MaxConnectionDurationSeconds { get; init; } = 7_200;

    /// <summary>A larger frame closes the connection with 1009. Default 32,768 (32 KB).</summary>
    public int MaxFrameBytes { get; init; } = 32 * 1024;

    /// <summary>A larger message (all its frames) closes the connection with 1009. Default 131,072 (128 KB).</summary>
    public int MaxMessageBytes { get; init; } = 128 * 1024;

    /// <summary>Binary frames close the connection with 1003 unless true. Default false.</summary>
    public bool AllowBinaryFrames { get; init; }

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);

    public TimeSpan MaxConnectionDuration => TimeSpan.FromSeconds(MaxConnectionDurationSeconds);
}
