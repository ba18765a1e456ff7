using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Definitions;
using Platform.Gateway.Runtime;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Pipeline;

/// <summary>A request keeps the definition version it started on, whatever is swapped in while it runs.</summary>
public sealed class InFlightReloadTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task Request_DefinitionSwappedWhileInFlight_FinishesOnTheOldVersion()
    {
        var definitions = $$"""
            {
              "apis": {
                "api": {
                  "protocol": "HTTP",
                  "routes": { "GET /delay/{ms}": { "integration": "backend" } },
                  "integrations": { "backend": { "integrationType": "HTTP_PROXY", "integrationUri": "{{backend.Backend.BaseAddress}}delay/{ms}" } },
                  "stages": { "$default": {} }
                }
              },
              "domainNames": { "$default": { "apiMappings": [ { "apiMappingKey": "", "api": "api", "stage": "$default" } ] } }
            }
            """;
        await using var app = GatewayApp.Start(definitions);
        using var client = app.CreateClient();
        var state = app.Services.GetRequiredService<GatewayState>();
        var tag = Guid.NewGuid().ToString("N");

        var inFlight = client.GetAsync(new Uri($"/delay/1500?tag={tag}", UriKind.Relative));
        await backend.Backend.WaitForRequestCountsAsync(tag, c => c.Started == 1);
        var before = state.Current.Version;
        state.Update(GatewayDefinition.Empty);
        using var late = await client.GetAsync(new Uri("/delay/1", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        using var finished = await inFlight.WaitAsync(TestTimeouts.Default);

        Assert.True(state.Current.Version > before);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
    }
}
