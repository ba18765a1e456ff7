using System.Net;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Authorization.Policies;

/// <summary>A resource policy on a real gateway: evaluated with the real client address, before the integration, 403 as AWS.</summary>
public sealed class ResourcePolicyPipelineTests
{
    private static string Definitions(string protocol) => """
        {"apis": {"a": {"protocol": "PROTOCOL",
          "routes": {"GET /open": {"integration": "i"}, "GET /internal": {"integration": "i"}},
          "integrations": {"i": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200, "body": "served"}}},
          "stages": {"prod": {}},
          "policy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/internal",
             "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]}}}
          ]}}},
         "domainNames": {"$default": {"apiMappings": [{"apiMappingKey": "", "api": "a", "stage": "prod"}]}}}
        """.Replace("PROTOCOL", protocol, StringComparison.Ordinal);

    [Fact]
    public async Task HttpApi_DeniedSource_403Forbidden_OthersServed()
    {
        await using var gateway = KestrelGateway.Start(Definitions("HTTP"));

        using var open = await gateway.Client.GetAsync(new Uri(gateway.Address, "/open"));
        using var denied = await gateway.Client.GetAsync(new Uri(gateway.Address, "/internal"));

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal("served", await open.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await denied.Content.ReadAsStringAsync());
        await gateway.Logs.WaitForAsync(e => e.Message.Contains("refused by policy", StringComparison.Ordinal)
            && e.Message.Contains("statement (no Sid) denies it (caller anonymous, source 127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RestApi_DeniedSource_AwsExplicitDenyMessage()
    {
        await using var gateway = KestrelGateway.Start(Definitions("REST"));

        using var denied = await gateway.Client.GetAsync(new Uri(gateway.Address, "/internal"));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("AccessDeniedException", denied.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(
            """{"message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:000000000000:a/prod/GET/internal with an explicit deny"}""",
            await denied.Content.ReadAsStringAsync());
    }
}
