namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>The functional Lambda authorizer tests share one backend and one gateway, and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class LambdaAuthorizerCollection : ICollectionFixture<LambdaAuthorizerFixture>
{
    public const string Name = "Lambda authorizers";
}
