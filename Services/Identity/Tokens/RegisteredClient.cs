namespace Platform.Identity.Tokens;

/// <summary>An authenticated client: its id and the scopes it may be granted.</summary>
internal sealed record RegisteredClient(string ClientId, IReadOnlyList<string> Scopes);
