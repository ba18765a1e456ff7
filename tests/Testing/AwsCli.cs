using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Testing;

/// <summary>
/// Runs the real AWS CLI (<c>aws</c>) as a signing client: the given credentials and nothing of the machine's (no
/// <c>AWS_*</c> variables, config or credential files, profiles or proxies), no retries, region us-east-1, JSON
/// output, killed if it runs longer than <see cref="Timeout"/>. Text <c>--data</c> works on v1 and v2 alike.
/// </summary>
public static partial class AwsCli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly Lazy<Task<int>> MajorVersionOnce = new(ReadMajorVersionAsync);

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => StandardOutput + StandardError;
    }

    public static async Task<Result> RunAsync(IReadOnlyList<string> arguments, string accessKeyId, string secretAccessKey)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var all = new List<string>(arguments) { "--region", "us-east-1", "--output", "json" };
        // v2 reads blob arguments as base64 unless told otherwise; v1 takes the text as is.
        if (arguments.Contains("--data") && await MajorVersionOnce.Value >= 2)
        {
            all.AddRange(["--cli-binary-format", "raw-in-base64-out"]);
        }

        return await StartAsync(all, accessKeyId, secretAccessKey);
    }

    private static async Task<int> ReadMajorVersionAsync()
    {
        var result = await StartAsync(["--version"], "unused", "unused");
        // v1 prints to stderr on older Pythons, stdout on newer: "aws-cli/1.45.11 Python/3.11.7 ..."
        var match = VersionPattern().Match(result.Output);
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"Could not read the AWS CLI version from: {result.Output}");
    }

    private static async Task<Result> StartAsync(IReadOnlyList<string> arguments, string accessKeyId, string secretAccessKey)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(static k => k.StartsWith("AWS_", StringComparison.Ordinal) && k != "AWS_CA_BUNDLE").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_RETRY_MODE"] = "standard";
        start.Environment["AWS_PAGER"] = "";
        start.Environment["NO_PROXY"] = start.Environment["no_proxy"] = "127.0.0.1,localhost";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "The AWS CLI ('aws') is not on PATH. These tests drive the real CLI as the SigV4 client: install it (apt-get install awscli); .ci/run does.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(Timeout);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"aws {string.Join(' ', arguments)} did not finish within {Timeout}.");
            }

            return new Result(process.ExitCode, await output, await error);
        }
    }

    [GeneratedRegex(@"aws-cli/(\d+)\.")]
    private static partial Regex VersionPattern();
}
