namespace Platform.ConnectionHub.Integrations;

/// <summary>
/// What an integration answered: its status code (200 when a proxy response leaves it out), headers and body, or
/// the reason it failed (error, timeout, malformed response) for logs and error frames.
/// </summary>
public sealed record IntegrationResult(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[]? Body, string? Failure)
{
    public bool Failed => Failure is not null;

    public bool IsSuccessStatus => StatusCode is >= 200 and < 300;

    public static IntegrationResult Fail(string failure) =>
        new(500, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), null, failure);
}
