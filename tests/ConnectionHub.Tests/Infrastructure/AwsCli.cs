using System.Diagnostics;

namespace Platform.ConnectionHub.Tests.Infrastructure;

/// <summary>The real AWS CLI, with the dev credentials and no config files; a missing <c>aws</c> fails the test.</summary>
public static class AwsCli
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (arguments.Contains("--data") && (await VersionAsync()).StartsWith("aws-cli/2", StringComparison.Ordinal))
        {
            start.ArgumentList.Add("--cli-binary-format");
            start.ArgumentList.Add("raw-in-base64-out");
        }

        start.ArgumentList.Add("--region");
        start.ArgumentList.Add("us-east-1");
        var empty = Path.Combine(Path.GetTempPath(), "platform-empty-aws-config");
        File.WriteAllText(empty, "");
        start.Environment["AWS_ACCESS_KEY_ID"] = TestApis.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = TestApis.SecretAccessKey;
        start.Environment["AWS_CONFIG_FILE"] = empty;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = empty;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_RETRY_MODE"] = "standard";
        start.Environment["AWS_PAGER"] = "";
        using var process = StartOrFail(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    private static async Task<string> VersionAsync()
    {
        using var process = StartOrFail(new ProcessStartInfo("aws", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
        var text = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return text.Trim();
    }

    private static Process StartOrFail(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("aws did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The AWS CLI ('aws') is not on PATH: install it (apt-get install awscli); .ci/run does.", e);
        }
    }
}
