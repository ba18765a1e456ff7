using Microsoft.Extensions.Options;

namespace Platform.Gateway.UsagePlans;

/// <summary>Checks <see cref="UsagePlanOptions"/> at start and reports every error at once, naming the setting.</summary>
internal sealed class UsagePlanOptionsValidator : IValidateOptions<UsagePlanOptions>
{
    public ValidateOptionsResult Validate(string? name, UsagePlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            errors.Add($"{UsagePlanOptions.SectionName}:KeyPrefix must not be empty: it keeps the usage-plan keys apart from others in Redis.");
        }

        if (options.UsageRetentionDays is < 1 or > 3650)
        {
            errors.Add($"{UsagePlanOptions.SectionName}:UsageRetentionDays must be from 1 to 3650; got {options.UsageRetentionDays}.");
        }

        if (options.StoreTimeout <= TimeSpan.Zero || options.StoreTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{UsagePlanOptions.SectionName}:StoreTimeout must be positive and at most 5 minutes; got {options.StoreTimeout}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
