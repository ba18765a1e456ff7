using Microsoft.Extensions.Options;

namespace Platform.Gateway.Waf;

/// <summary>Checks <see cref="WafOptions"/> when the gateway starts.</summary>
internal sealed class WafOptionsValidator : IValidateOptions<WafOptions>
{
    public ValidateOptionsResult Validate(string? name, WafOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RateSyncInterval <= TimeSpan.Zero)
        {
            failures.Add($"{WafOptions.SectionName}:RateSyncInterval must be positive, not {options.RateSyncInterval}.");
        }

        if (options.RateSyncTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{WafOptions.SectionName}:RateSyncTimeout must be positive, not {options.RateSyncTimeout}.");
        }

        if (options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{WafOptions.SectionName}:SweepInterval must be positive, not {options.SweepInterval}.");
        }

        if (string.IsNullOrWhiteSpace(options.RateKeyPrefix))
        {
            failures.Add($"{WafOptions.SectionName}:RateKeyPrefix must not be empty.");
        }

        if (options.MaxTrackedAddresses < 1)
        {
            failures.Add($"{WafOptions.SectionName}:MaxTrackedAddresses must be at least 1, not {options.MaxTrackedAddresses}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
