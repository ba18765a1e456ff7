using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>Every out-of-range <see cref="JwtValidatorOptions"/> setting at once, each named by its configuration key.</summary>
internal sealed class JwtValidatorOptionsValidator : IValidateOptions<JwtValidatorOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(errors, nameof(options.FetchTimeout), options.FetchTimeout);
        Positive(errors, nameof(options.KeyCacheDuration), options.KeyCacheDuration);
        if (options.MinRefreshInterval < TimeSpan.Zero)
        {
            errors.Add(Key(nameof(options.MinRefreshInterval)) + " must not be negative");
        }

        if (options.MaxDocumentBytes <= 0)
        {
            errors.Add(Key(nameof(options.MaxDocumentBytes)) + " must be positive");
        }

        if (options.MaxTokenLength <= 0)
        {
            errors.Add(Key(nameof(options.MaxTokenLength)) + " must be positive");
        }

        if (options.TokenCacheSize < 0)
        {
            errors.Add(Key(nameof(options.TokenCacheSize)) + " must not be negative (0 turns the cache off)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(Key(property) + " must be positive");
        }
    }

    private static string Key(string property) => $"{JwtValidatorOptions.SectionName}:{property}";
}
