namespace Platform.Identity;

/// <summary>One confidential client of the client_credentials grant (<c>Identity:Clients:{i}</c>).</summary>
public sealed class IdentityClientOptions
{
    /// <summary>The client identifier, also the <c>sub</c> and <c>client_id</c> of its tokens. Required, unique.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>The shared secret (client_secret_basic or client_secret_post). Required.</summary>
    public string ClientSecret { get; init; } = "";

    /// <summary>The scopes the client may be granted; a request without <c>scope</c> gets them all. At least one.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
