using Platform.ConnectionHub.Registry;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>One call a registry made on a <see cref="RecordingSink"/>.</summary>
internal sealed record SinkEvent(SinkEventKind Kind, string ConnectionId, string Payload = "", ConnectionRecord? Record = null);

internal enum SinkEventKind
{
    Sent,
    Closed,
    Orphaned,
}
