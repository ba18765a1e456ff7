using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Signing;

/// <summary>Checks <see cref="SigV4Options"/> at startup and reports every problem at once.</summary>
internal sealed class SigV4OptionsValidator : IValidateOptions<SigV4Options>
{
    public ValidateOptionsResult Validate(string? name, SigV4Options options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Errors(SigV4Options options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Service))
        {
            errors.Add($"{SigV4Options.SectionName}:Service must name the service of the credential scope (default 'execute-api').");
        }

        if (options.ClockSkew <= TimeSpan.Zero)
        {
            errors.Add($"{SigV4Options.SectionName}:ClockSkew must be positive, not '{options.ClockSkew}'.");
        }

        if (options.MaxPayloadBytes < 0)
        {
            errors.Add($"{SigV4Options.SectionName}:MaxPayloadBytes must not be negative, not {options.MaxPayloadBytes}.");
        }

        if (options.Credentials.Count == 0)
        {
            errors.Add($"{SigV4Options.CredentialsSectionName}: no credentials are configured; add at least one {{ \"AccessKeyId\": ..., \"SecretAccessKey\": ... }}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Credentials.Count; i++)
        {
            var credentials = options.Credentials[i];
            var key = $"{SigV4Options.CredentialsSectionName}:{i}";
            if (string.IsNullOrWhiteSpace(credentials.AccessKeyId))
            {
                errors.Add($"{key}:AccessKeyId is missing.");
            }
            else if (!seen.Add(credentials.AccessKeyId))
            {
                errors.Add($"{key}:AccessKeyId '{credentials.AccessKeyId}' is configured more than once.");
            }
            else if (credentials.AccessKeyId.Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"{key}:AccessKeyId must not contain '/': it is the first element of the credential scope.");
            }

            if (string.IsNullOrEmpty(credentials.SecretAccessKey))
            {
                errors.Add($"{key}:SecretAccessKey is missing.");
            }
        }

        return errors;
    }
}
