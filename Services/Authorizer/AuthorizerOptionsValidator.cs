using Microsoft.Extensions.Options;

namespace Platform.Authorizer;

/// <summary>Every error of the <c>Authorizer</c> section at once, each named by its configuration key.</summary>
internal sealed class AuthorizerOptionsValidator : IValidateOptions<AuthorizerOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthorizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            errors.Add("Authorizer:Issuer is required: the iss of accepted tokens, e.g. http://identity");
        }
        else if (options.JwksUri is null && !IsHttpUrl(options.Issuer))
        {
            errors.Add($"Authorizer:Issuer '{options.Issuer}' must be an absolute http(s) URL (its keys are discovered there), or set Authorizer:JwksUri");
        }

        if (options.JwksUri is { } jwks && !(jwks.IsAbsoluteUri && IsHttpUrl(jwks.OriginalString)))
        {
            errors.Add($"Authorizer:JwksUri '{jwks}' must be an absolute http(s) URL");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add("Authorizer:Audience is required: the aud (or client_id) of accepted tokens");
        }

        if (options.RequiredScopes.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Authorizer:RequiredScopes must not hold empty entries");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Authorizer:ClockSkew must be 0 to 00:05:00; got {options.ClockSkew}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
