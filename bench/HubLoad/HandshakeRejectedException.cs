namespace Platform.HubLoad;

/// <summary>The hub answered the upgrade with something other than a valid 101.</summary>
internal sealed class HandshakeRejectedException(string statusLine) : IOException($"handshake rejected: {statusLine}");
