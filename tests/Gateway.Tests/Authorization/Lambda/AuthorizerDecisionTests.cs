using Platform.Gateway.Authorization.Lambda;

namespace Platform.Gateway.Tests.Authorization.Lambda;

public sealed class AuthorizerDecisionTests
{
    private const string Prefix = "arn:aws:execute-api:us-east-1:000000000000:shop/prod/";
    private const string Invoke = "execute-api:Invoke";

    [Theory]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:shop/prod/GET/reports/1", "GET/reports/1", "Allow")]
    [InlineData("arn:aws:execute-api:*:*:shop/*/GET/reports/*", "GET/reports/2024/q1", "Allow")]
    [InlineData("arn:aws:execute-api:*:*:shop/*/GET/reports/*", "GET/other", "ImplicitDeny")]
    [InlineData("arn:aws:execute-api:*:*:shop/*/GET/reports/*", "POST/reports/1", "ImplicitDeny")]
    [InlineData("arn:aws:execute-api:*:*:shop/beta/*", "GET/reports/1", "ImplicitDeny")]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:shop/prod/GET/reports/?", "GET/reports/7", "Allow")]
    [InlineData("execute-api:/prod/GET/*", "GET/reports/7", "Allow")]
    [InlineData("execute-api:/beta/GET/*", "GET/reports/7", "ImplicitDeny")]
    [InlineData("*", "DELETE/anything", "Allow")]
    public void Allow_Resource_MatchedAgainstTheRequestArn(string resource, string request, string expected)
    {
        var decision = Policy(new AuthorizerPolicyStatement(true, [Invoke], [resource]));

        Assert.Equal(Enum.Parse<AuthorizerVerdict>(expected), decision.Evaluate(Prefix + request, "shop"));
    }

    [Theory]
    [InlineData("execute-api:Invoke", "Allow")]
    [InlineData("EXECUTE-API:invoke", "Allow")]
    [InlineData("execute-api:*", "Allow")]
    [InlineData("*", "Allow")]
    [InlineData("execute-api:ManageConnections", "ImplicitDeny")]
    [InlineData("s3:GetObject", "ImplicitDeny")]
    public void Allow_Action_AppliesOnlyWhenItCoversInvoke(string action, string expected)
    {
        var decision = Policy(new AuthorizerPolicyStatement(true, [action], ["*"]));

        Assert.Equal(Enum.Parse<AuthorizerVerdict>(expected), decision.Evaluate(Prefix + "GET/x", "shop"));
    }

    [Fact]
    public void ExplicitDeny_BesideAMatchingAllow_Wins()
    {
        var decision = Policy(
            new AuthorizerPolicyStatement(true, [Invoke], ["*"]),
            new AuthorizerPolicyStatement(false, ["execute-api:*"], [Prefix + "DELETE/*"]));

        Assert.Equal(AuthorizerVerdict.ExplicitDeny, decision.Evaluate(Prefix + "DELETE/items/1", "shop"));
        Assert.Equal(AuthorizerVerdict.Allow, decision.Evaluate(Prefix + "GET/items/1", "shop"));
    }

    [Fact]
    public void Deny_ForAnotherAction_DoesNotApply()
    {
        var decision = Policy(
            new AuthorizerPolicyStatement(true, [Invoke], ["*"]),
            new AuthorizerPolicyStatement(false, ["execute-api:ManageConnections"], ["*"]));

        Assert.Equal(AuthorizerVerdict.Allow, decision.Evaluate(Prefix + "GET/items/1", "shop"));
    }

    [Theory]
    [InlineData(true, "Allow")]
    [InlineData(false, "Deny")]
    public void SimpleResponse_AppliesToEveryRoute(bool authorized, string expected)
    {
        var decision = new AuthorizerDecision { IsAuthorized = authorized };

        Assert.Equal(Enum.Parse<AuthorizerVerdict>(expected), decision.Evaluate(Prefix + "GET/a", "shop"));
        Assert.Equal(Enum.Parse<AuthorizerVerdict>(expected), decision.Evaluate(Prefix + "POST/b/c", "shop"));
    }

    private static AuthorizerDecision Policy(params AuthorizerPolicyStatement[] statements) => new() { PrincipalId = "p", Statements = statements };
}
