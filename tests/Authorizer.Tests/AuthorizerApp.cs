using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Platform.Authorizer.Tests;

/// <summary>
/// The Authorizer app in process (<see cref="WebApplicationFactory{TEntryPoint}"/>), with <c>http://identity</c>
/// resolved to a real Identity process and the <c>Authorizer</c> settings a test chooses.
/// </summary>
internal sealed class AuthorizerApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private AuthorizerApp(WebApplicationFactory<Program> factory)
    {
        _factory = factory;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }

    public static AuthorizerApp Start(IdentityProcess identity, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(Configure(identity.Address, settings));

    /// <summary>The app, not yet started (it starts on the first use of its client or services).</summary>
    public static WebApplicationFactory<Program> Configure(Uri identity, IReadOnlyDictionary<string, string?>? settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.ConfigureAppConfiguration((_, configuration) =>
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["services:identity:http:0"] = identity.GetLeftPart(UriPartial.Authority),
            });
            if (settings is not null)
            {
                configuration.AddInMemoryCollection(settings);
            }
        }));

    /// <summary>Invokes <c>authorize</c> with <paramref name="event"/>: the answer, or the function error's type and message.</summary>
    public async Task<Invocation> InvokeAsync(JsonNode @event)
    {
        using var content = new StringContent(@event.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync(new Uri("/2015-03-31/functions/authorize/invocations", UriKind.Relative), content)
            .WaitAsync(TestTimeouts.Default);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default))!;
        var error = response.Headers.TryGetValues("X-Amz-Function-Error", out var values) ? values.Single() : null;
        return new Invocation((int)response.StatusCode, error, body);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }
}

/// <summary>An invoke call's status, its <c>X-Amz-Function-Error</c> (null when the function answered), and the body.</summary>
internal sealed record Invocation(int Status, string? FunctionError, JsonNode Body);
