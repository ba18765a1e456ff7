using Microsoft.Extensions.Options;

namespace Platform.Gateway.Throttling;

/// <summary>Checks <see cref="ThrottlingOptions"/> at start, reporting every error.</summary>
internal sealed class ThrottlingOptionsValidator : IValidateOptions<ThrottlingOptions>
{
    public ValidateOptionsResult Validate(string? name, ThrottlingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = ThrottlingOptions.SectionName;
        var errors = new List<string>();
        if ((options.AccountRateLimit is null) != (options.AccountBurstLimit is null))
        {
            errors.Add($"{S}:AccountRateLimit and {S}:AccountBurstLimit are set together (a token bucket needs both) or both left empty (no account bucket).");
        }

        if (options.AccountRateLimit is { } rate && (rate < 0 || double.IsNaN(rate) || double.IsInfinity(rate)))
        {
            errors.Add($"{S}:AccountRateLimit must be ≥ 0; got {rate}.");
        }

        if (options.AccountBurstLimit is < 0)
        {
            errors.Add($"{S}:AccountBurstLimit must be ≥ 0; got {options.AccountBurstLimit}.");
        }

        foreach (var (setting, value, max) in new[]
        {
            ("StoreTimeout", options.StoreTimeout, TimeSpan.FromMinutes(1)),
            ("FailureBackoff", options.FailureBackoff, TimeSpan.FromMinutes(10)),
            ("LeaseWindow", options.LeaseWindow, TimeSpan.FromSeconds(10)),
            ("LeaseLifetime", options.LeaseLifetime, TimeSpan.FromSeconds(10)),
        })
        {
            if (value <= TimeSpan.Zero || value > max)
            {
                errors.Add($"{S}:{setting} must be positive and at most {max}; got {value}.");
            }
        }

        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            errors.Add($"{S}:KeyPrefix must not be empty: it keeps the throttle buckets apart from other keys in Redis.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
