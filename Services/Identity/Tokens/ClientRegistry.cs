using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Tokens;

/// <summary>
/// The configured clients, looked up by id, with secrets compared in constant time. Secrets are compared as
/// SHA-256 digests, so neither their length nor the position of the first difference shows in the timing, and an
/// unknown client costs the same comparison as a known one.
/// </summary>
internal sealed class ClientRegistry
{
    private static readonly byte[] UnknownClientDigest = new byte[SHA256.HashSizeInBytes];

    private readonly Dictionary<string, (byte[] SecretDigest, RegisteredClient Client)> _clients;

    public ClientRegistry(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = options.EffectiveClients.ToDictionary(
            client => client.ClientId,
            client => (Digest(client.ClientSecret), new RegisteredClient(client.ClientId, client.Scopes.ToArray())),
            StringComparer.Ordinal);
        AllScopes = [.. _clients.Values.SelectMany(entry => entry.Client.Scopes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every scope some client may be granted, sorted: the discovery document's <c>scopes_supported</c>.</summary>
    public IReadOnlyList<string> AllScopes { get; }

    /// <summary>The client when <paramref name="clientId"/> is known and <paramref name="secret"/> is its secret.</summary>
    public RegisteredClient? Authenticate(string clientId, string secret)
    {
        var known = _clients.TryGetValue(clientId, out var entry);
        var matches = CryptographicOperations.FixedTimeEquals(Digest(secret), known ? entry.SecretDigest : UnknownClientDigest);
        return known && matches ? entry.Client : null;
    }

    private static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
