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

    /// <summary>Polls the log until <paramref name="condition"/> holds: for what happens in the backend after the gateway has answered.</summary>
    public static async Task<AuthorizerLog> WaitForAsync(BackendProcess backend, string token, Func<AuthorizerLog, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (true)
        {
            var log = await ReadAsync(backend, token, deadline.Token);
            if (condition(log))
            {
                return log;
            }

            // A poll interval, not a synchronisation point: the loop ends on the condition or the deadline.
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    /// <summary>The event the function last received for the token.</summary>
    public JsonElement Event => LastEvent ?? throw new InvalidOperationException("the function was never invoked for this token");
}
