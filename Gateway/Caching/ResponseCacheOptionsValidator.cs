using Microsoft.Extensions.Options;

namespace Platform.Gateway.Caching;

/// <summary>Checks <see cref="ResponseCacheOptions"/> at start and reports every error at once, naming the setting.</summary>
internal sealed class ResponseCacheOptionsValidator : IValidateOptions<ResponseCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, ResponseCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = ResponseCacheOptions.SectionName;
        if (options.MemoryLimitBytes < CachedResponse.MaxBodyBytes)
        {
            errors.Add($"{section}:MemoryLimitBytes must be at least {CachedResponse.MaxBodyBytes} (one largest entry); got {options.MemoryLimitBytes}.");
        }

        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            errors.Add($"{section}:KeyPrefix must not be empty: it keeps the cache's keys apart from others in Redis.");
        }

        Positive(errors, $"{section}:StoreTimeout", options.StoreTimeout, TimeSpan.FromSeconds(30));
        Positive(errors, $"{section}:GenerationRefreshInterval", options.GenerationRefreshInterval, TimeSpan.FromMinutes(5));
        Positive(errors, $"{section}:CoalescingTimeout", options.CoalescingTimeout, TimeSpan.FromMinutes(5));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string name, TimeSpan value, TimeSpan most)
    {
        if (value <= TimeSpan.Zero || value > most)
        {
            errors.Add($"{name} must be positive and at most {most}; got {value}.");
        }
    }
}
