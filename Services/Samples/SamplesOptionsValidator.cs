using Microsoft.Extensions.Options;

namespace Platform.Samples;

/// <summary>Refuses a <see cref="SamplesOptions.SlowDelay"/> outside 0..<see cref="SamplesOptions.MaxSlowDelay"/>, naming the key.</summary>
internal sealed class SamplesOptionsValidator : IValidateOptions<SamplesOptions>
{
    public ValidateOptionsResult Validate(string? name, SamplesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        return options.SlowDelay < TimeSpan.Zero || options.SlowDelay > SamplesOptions.MaxSlowDelay
            ? ValidateOptionsResult.Fail(
                $"{SamplesOptions.SectionName}:{nameof(SamplesOptions.SlowDelay)} must be between 00:00:00 and " +
                $"{SamplesOptions.MaxSlowDelay:c}; it is {options.SlowDelay:c}.")
            : ValidateOptionsResult.Success;
    }
}
