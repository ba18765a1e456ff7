namespace Platform.Chat.Tests.Functions;

/// <summary>
/// One request <see cref="ConnectionsRecorder"/> received: the method, the request target as sent (still
/// percent-encoded), the decoded path, the <c>exclude</c> query parameter, the body, and whether its SigV4
/// signature verified.
/// </summary>
public sealed record RecordedCall(string Method, string RawTarget, string Path, string? Exclude, string Body, bool SignatureVerified, string? AccessKeyId);
