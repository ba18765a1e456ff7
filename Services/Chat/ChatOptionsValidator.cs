using Microsoft.Extensions.Options;

namespace Platform.Chat;

/// <summary>Checks every <see cref="ChatOptions"/> setting and reports all the problems at once, each naming its key.</summary>
internal sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var errors = new List<string>();
        if (EndpointProblem(options.ConnectionsEndpoint) is { } endpointProblem)
        {
            errors.Add($"{Key(nameof(ChatOptions.ConnectionsEndpoint))} {endpointProblem}; it is '{options.ConnectionsEndpoint}'.");
        }

        if (!IsRegion(options.Region))
        {
            errors.Add($"{Key(nameof(ChatOptions.Region))} must be a region name such as us-east-1 (lower-case letters, " +
                $"digits and '-'); it is '{options.Region}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Key(string property) => ChatOptions.SectionName + ":" + property;

    private static string? EndpointProblem(string? endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "must be an absolute http or https URL such as " + ChatOptions.DefaultConnectionsEndpoint;
        }

        // The client appends /@connections/...: a query or fragment would end up in the middle of the path.
        return uri.Query.Length > 0 || uri.Fragment.Length > 0 ? "must not have a query or fragment" : null;
    }

    private static bool IsRegion(string? region) =>
        region is { Length: > 0 and <= 64 } && region.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
