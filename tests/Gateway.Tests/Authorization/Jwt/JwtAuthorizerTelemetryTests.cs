using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Platform.Gateway.Observability;
using Platform.Gateway.Tests.Pipeline;

namespace Platform.Gateway.Tests.Authorization.Jwt;

/// <summary>The Authorizer span of JWT routes: principal, outcome and token-cache hits.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class JwtAuthorizerTelemetryTests
{
    [Fact]
    public async Task Request_SameTokenTwice_SecondSpanIsCacheHit()
    {
        await using var gateway = await JwtGateway.StartAsync();
        var token = gateway.Rsa.CreateToken(gateway.Claims());
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayTelemetry.Name,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "Authorizer")
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var first = await gateway.GetAsync("/me", "Bearer " + token);
        using var second = await gateway.GetAsync("/me", "Bearer " + token);
        using var refused = await gateway.GetAsync("/me", "Bearer garbage");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var recorded = spans.ToArray();
        Assert.Equal(3, recorded.Length);
        Assert.Equal([false, true, false], recorded.Select(s => (bool)s.GetTagItem("apigateway.authorizer.cache_hit")!));
        Assert.Equal([true, true, false], recorded.Select(s => (bool)s.GetTagItem("apigateway.authorizer.allowed")!));
        Assert.Equal("user-1", recorded[0].GetTagItem("apigateway.authorizer.principal_id"));
        Assert.Equal("JWT", recorded[2].GetTagItem("apigateway.authorizer.type"));
        Assert.Equal(ActivityStatusCode.Error, recorded[2].Status);
    }
}
