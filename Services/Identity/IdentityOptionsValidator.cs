using Microsoft.Extensions.Options;
using Platform.Identity.Tokens;

namespace Platform.Identity;

/// <summary>Checks <see cref="IdentityOptions"/> at startup and reports every error, each naming its key.</summary>
internal sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    private const string Section = IdentityOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var errors = new List<string>();
        if (options.Issuer is not null
            && (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer)
                || (issuer.Scheme != Uri.UriSchemeHttp && issuer.Scheme != Uri.UriSchemeHttps)
                || issuer.Query.Length > 0 || issuer.Fragment.Length > 0))
        {
            // OpenID Connect Discovery §3: an https URL with no query or fragment (http allowed for local development).
            errors.Add($"{Section}:Issuer must be an absolute http(s) URL without query or fragment; it is '{options.Issuer}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add($"{Section}:Audience must not be empty.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:TokenLifetime must be positive; it is {options.TokenLifetime:c}.");
        }

        if (options.KeyRotation <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:KeyRotation must be positive; it is {options.KeyRotation:c}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            ValidateClient(options.Clients[i], $"{Section}:Clients:{i}", seen, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateClient(IdentityClientOptions client, string key, HashSet<string> seen, List<string> errors)
    {
        if (string.IsNullOrEmpty(client.ClientId))
        {
            errors.Add($"{key}:ClientId must not be empty.");
        }
        else if (!seen.Add(client.ClientId))
        {
            errors.Add($"{key}:ClientId '{client.ClientId}' is used by an earlier client.");
        }

        if (string.IsNullOrEmpty(client.ClientSecret))
        {
            errors.Add($"{key}:ClientSecret must not be empty.");
        }

        if (client.Scopes.Count == 0)
        {
            errors.Add($"{key}:Scopes must name at least one scope.");
        }

        for (var j = 0; j < client.Scopes.Count; j++)
        {
            if (!ScopeSyntax.IsScopeToken(client.Scopes[j]))
            {
                errors.Add($"{key}:Scopes:{j} '{client.Scopes[j]}' is not a scope token (RFC 6749 §3.3: printable ASCII, no space, '\"' or '\\').");
            }
        }
    }
}
