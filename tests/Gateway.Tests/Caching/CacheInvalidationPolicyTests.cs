using Platform.Gateway.Authorization;
using Platform.Gateway.Authorization.Policies;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Caching;

/// <summary>
/// Resource policies and <c>execute-api:InvalidateCache</c>: an explicit Deny covering the action (by name or
/// wildcard), the caller and the request's ARN takes the permission away; statements about InvalidateCache only do
/// not govern Invoke.
/// </summary>
public sealed class CacheInvalidationPolicyTests
{
    [Theory]
    [InlineData("'Action': 'execute-api:InvalidateCache', 'Principal': {'AWS': 'AKIADENIED'}", "AKIADENIED", true)]
    [InlineData("'Action': 'execute-api:InvalidateCache', 'Principal': {'AWS': 'AKIADENIED'}", "AKIAOTHER", false)]
    [InlineData("'Action': 'execute-api:InvalidateCache', 'Principal': {'AWS': 'arn:aws:iam::000000000000:user/AKIADENIED'}", "AKIADENIED", true)]
    [InlineData("'Action': 'execute-api:InvalidateCache', 'Principal': '*'", "AKIAOTHER", true)]
    [InlineData("'Action': 'execute-api:*', 'Principal': {'AWS': 'AKIADENIED'}", "AKIADENIED", true)]
    [InlineData("'Action': '*', 'Principal': {'AWS': 'AKIADENIED'}", "AKIADENIED", true)]
    [InlineData("'Action': 'execute-api:Invoke', 'Principal': {'AWS': 'AKIADENIED'}", "AKIADENIED", false)]
    [InlineData("'Action': 'execute-api:InvalidateCache', 'Principal': {'AWS': 'AKIADENIED'}, 'Resource': 'execute-api:/prod/GET/other'", "AKIADENIED", false)]
    [InlineData("'Action': 'execute-api:InvalidateCache', 'Principal': {'AWS': 'AKIADENIED'}, 'Resource': 'execute-api:/prod/GET/report'", "AKIADENIED", true)]
    [InlineData("'Action': 'execute-api:InvalidateCache', 'NotPrincipal': {'AWS': 'AKIAADMIN'}", "AKIADENIED", true)]
    [InlineData("'Action': 'execute-api:InvalidateCache', 'NotPrincipal': {'AWS': 'AKIAADMIN'}", "AKIAADMIN", false)]
    public void DeniesCacheInvalidation_DenyStatement_AppliesToItsCallersActionsAndResources(string statement, string caller, bool denied)
    {
        var (context, request, policy) = Resolve("{'Effect': 'Deny', " + statement + "}");

        Assert.Equal(denied, ResourcePolicyEvaluator.DeniesCacheInvalidation(context, request, policy, caller));
    }

    [Fact]
    public void DeniesCacheInvalidation_AllowOnly_NeverDenies()
    {
        var (context, request, policy) = Resolve("{'Effect': 'Allow', 'Principal': '*', 'Action': 'execute-api:InvalidateCache'}");

        Assert.False(ResourcePolicyEvaluator.DeniesCacheInvalidation(context, request, policy, "AKIAANY"));
    }

    [Fact]
    public void Evaluate_OnlyAnInvalidateCacheAllow_InvokeNotAllowed()
    {
        var (context, request, policy) = Resolve("{'Effect': 'Allow', 'Principal': '*', 'Action': 'execute-api:InvalidateCache'}");

        Assert.NotNull(ResourcePolicyEvaluator.Evaluate(context, request, policy));
    }

    [Fact]
    public void Evaluate_InvalidateCacheDenyBesideAnInvokeAllow_InvokeAllowed()
    {
        var (context, request, policy) = Resolve(
            "{'Effect': 'Allow', 'Principal': '*', 'Action': 'execute-api:Invoke'}, {'Effect': 'Deny', 'Principal': '*', 'Action': 'execute-api:InvalidateCache'}");
        request.Authorizer = new AuthorizerResult { Kind = AuthorizerKind.Iam, PrincipalId = "AKIADENIED", AccessKey = "AKIADENIED" };

        Assert.Null(ResourcePolicyEvaluator.Evaluate(context, request, policy));
        Assert.True(ResourcePolicyEvaluator.DeniesCacheInvalidation(context, request, policy, "AKIADENIED"));
    }

    private static (Microsoft.AspNetCore.Http.HttpContext Context, Platform.Gateway.Pipeline.GatewayRequestFeature Request, Platform.Definitions.Policies.ResourcePolicyDefinition Policy) Resolve(string statements)
    {
        var gateway = ResolvedRequests.Compile(Of("{'apis': {'reports': {'protocol': 'REST', 'routes': {'GET /report': {'integration': 'i'}}, "
            + "'integrations': {'i': " + Mock + "}, 'stages': {'prod': {'cacheClusterEnabled': true}}, "
            + "'policy': {'Statement': [" + statements + "]}}}, "
            + "'domainNames': {'$default': {'apiMappings': [{'apiMappingKey': '', 'api': 'reports', 'stage': 'prod'}]}}}"));
        var (context, request) = ResolvedRequests.Resolve(gateway, "GET /report", "");
        return (context, request, request.Api!.Definition.Policy!);
    }
}
