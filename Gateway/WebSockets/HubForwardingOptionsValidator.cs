using Microsoft.Extensions.Options;

namespace Platform.Gateway.WebSockets;

/// <summary>Rejects a <see cref="HubForwardingOptions"/> that could not work, naming every wrong key at once.</summary>
internal sealed class HubForwardingOptionsValidator : IValidateOptions<HubForwardingOptions>
{
    public ValidateOptionsResult Validate(string? name, HubForwardingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (Uri.CheckHostName(options.Service) != UriHostNameType.Dns)
        {
            errors.Add($"{HubForwardingOptions.SectionName}:{nameof(options.Service)} must be a service (host) name; got '{options.Service}'.");
        }

        Positive(errors, nameof(options.HandshakeTimeout), options.HandshakeTimeout);
        Positive(errors, nameof(options.ResponseTimeout), options.ResponseTimeout);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            errors.Add($"{HubForwardingOptions.SectionName}:{key} must be a positive time span under 24 days; got {value}.");
        }
    }
}
