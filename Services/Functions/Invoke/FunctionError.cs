using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// The body of an invocation whose function failed (Lambda's shape), sent with status 200 and header
/// <see cref="FunctionInvokeProtocol.FunctionErrorHeader"/>: <c>{"errorMessage": "...", "errorType": "..."}</c>.
/// </summary>
public sealed record FunctionError
{
    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    /// <summary>The exception type's short name, e.g. <c>InvalidOperationException</c>.</summary>
    [JsonPropertyName("errorType")]
    public string? ErrorType { get; init; }

    /// <summary>Sent by some runtimes; this host never sends it, so that stack traces stay in the logs.</summary>
    [JsonPropertyName("stackTrace")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? StackTrace { get; init; }
}
