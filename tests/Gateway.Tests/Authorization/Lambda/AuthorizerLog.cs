using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>What the backend's <c>authorizer</c> function saw for one token (<c>GET /authorizer-log</c>).</summary>
internal sealed record AuthorizerLog(int Invocations, int Aborted, JsonElement? LastEvent)
{
    public static async Task<AuthorizerLog> ReadAsync(BackendProcess backend, string token, CancellationToken cancellationToken = default) =>
        (await backend.Client.GetFromJsonAsync<AuthorizerLog>(new Uri("authorizer-log?token=" + Uri.EscapeDataString(token), UriKind.Relative),
            JsonSerializerOptions.Web, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken))!;

    /// <summary>
    /// Waits, in the backend, until the token's log has at least <paramref name="invocations"/> invocations and
    /// <paramref name="aborted"/> aborted calls: for what happens in the backend after the gateway has answered.
    /// </summary>
    public static async Task<AuthorizerLog> WaitForAsync(BackendProcess backend, string token, int invocations = 0, int aborted = 0)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        var query = $"authorizer-log?token={Uri.EscapeDataString(token)}&invocations={invocations}&aborted={aborted}";
        return (await backend.Client.GetFromJsonAsync<AuthorizerLog>(new Uri(query, UriKind.Relative), JsonSerializerOptions.Web, deadline.Token)
            .WaitAsync(TestTimeouts.Default))!;
    }

    /// <summary>The event the function last received for the token.</summary>
    public JsonElement Event => LastEvent ?? throw new InvalidOperationException("the function was never invoked for this token");
}
