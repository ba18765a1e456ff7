namespace Platform.Gateway.WebSockets;

/// <summary>Why one direction of a tunnel stopped copying.</summary>
internal enum TunnelPumpEnd
{
    /// <summary>The source closed its side: a clean end of stream.</summary>
    SourceEnded,

    /// <summary>Reading the source failed (connection reset or closed under the read).</summary>
    SourceFailed,

    /// <summary>Writing to the destination failed.</summary>
    DestinationFailed,

    /// <summary>The tunnel was stopping: the other direction ended first, or the gateway is shutting down.</summary>
    Cancelled,
}
