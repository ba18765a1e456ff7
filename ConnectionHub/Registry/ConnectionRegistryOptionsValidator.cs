using Microsoft.Extensions.Options;

namespace Platform.ConnectionHub.Registry;

/// <summary>Checks <see cref="ConnectionRegistryOptions"/> at startup and reports every problem at once.</summary>
internal sealed class ConnectionRegistryOptionsValidator : IValidateOptions<ConnectionRegistryOptions>
{
    /// <summary>Redis expires keys with millisecond precision; a heartbeat of less than this would flap under load.</summary>
    private static readonly TimeSpan MinimumHeartbeatTtl = TimeSpan.FromMilliseconds(300);

    public ValidateOptionsResult Validate(string? name, ConnectionRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var errors = new List<string>();
        var section = ConnectionRegistryOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            errors.Add($"{section}:KeyPrefix must not be empty.");
        }

        if (options.HeartbeatTtl < MinimumHeartbeatTtl)
        {
            errors.Add($"{section}:HeartbeatTtl must be at least {MinimumHeartbeatTtl.TotalMilliseconds:0} ms (was {options.HeartbeatTtl}).");
        }

        if (options.JanitorInterval is { } interval && interval <= TimeSpan.Zero)
        {
            errors.Add($"{section}:JanitorInterval must be positive (was {interval}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
