namespace Platform.Gateway.WebSockets;

/// <summary>How one direction of a tunnel ended, how many bytes it carried, and the failure if there was one.</summary>
internal readonly record struct TunnelPumpResult(TunnelPumpEnd End, long Bytes, Exception? Failure);
