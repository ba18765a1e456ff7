namespace Platform.ConnectionHub.Tests.Infrastructure;

/// <summary>The real AWS CLI with the test APIs' credentials (see <see cref="Platform.Testing.AwsCli"/>).</summary>
public static class AwsCli
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments)
    {
        var result = await Platform.Testing.AwsCli.RunAsync(arguments, TestApis.AccessKeyId, TestApis.SecretAccessKey);
        return (result.ExitCode, result.Output);
    }
}
