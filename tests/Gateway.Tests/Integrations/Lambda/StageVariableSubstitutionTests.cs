using Platform.Gateway.Integrations.Lambda;

namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class StageVariableSubstitutionTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["fn"] = "users", ["env"] = "beta" };

    [Theory]
    [InlineData("listUsers", "listUsers")]
    [InlineData("${stageVariables.fn}", "users")]
    [InlineData("${stageVariables.fn}-${stageVariables.env}", "users-beta")]
    [InlineData("pre-${stageVariables.missing}-post", "pre--post")]
    [InlineData("${stageVariables.missing}", "")]
    [InlineData("${stageVariables.fn", "${stageVariables.fn")]
    [InlineData("${stageVariables.FN}", "")]
    public void Apply_Template_VariablesReplacedMissingEmpty(string template, string expected) =>
        Assert.Equal(expected, StageVariableSubstitution.Apply(template, Variables));
}
