using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>
/// The real AWS CLI as a child process, isolated from the machine's AWS configuration: empty config and
/// credentials files, no instance metadata, one attempt, no proxy for loopback. Missing CLI fails the test.
/// </summary>
internal static partial class AwsCli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly Lazy<Task<int>> MajorVersionOnce = new(ReadMajorVersionAsync);

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary><c>aws apigatewaymanagementapi {operation} --endpoint-url ... --connection-id ... --region us-east-1</c>.</summary>
    public static async Task<Result> ManageConnectionAsync(string operation, Uri endpoint, string accessKeyId, string secretAccessKey,
        string? data = null)
    {
        var arguments = new List<string>
        {
            "apigatewaymanagementapi", operation,
            "--endpoint-url", endpoint.ToString().TrimEnd('/'),
            "--connection-id", SigV4TestData.ConnectionId,
            "--region", "us-east-1",
        };
        if (data is not null)
        {
            arguments.AddRange(["--data", data]);
            // v2 reads blob arguments as base64 unless told otherwise; v1 takes the text as is.
            if (await MajorVersionOnce.Value >= 2)
            {
                arguments.AddRange(["--cli-binary-format", "raw-in-base64-out"]);
            }
        }

        return await RunAsync(arguments, accessKeyId, secretAccessKey);
    }

    private static async Task<int> ReadMajorVersionAsync()
    {
        var result = await RunAsync(["--version"], "unused", "unused");
        // v1 prints to stderr on older Pythons, stdout on newer: "aws-cli/1.45.11 Python/3.11.7 ..."
        var match = VersionPattern().Match(result.StandardOutput + result.StandardError);
        Assert.True(match.Success, $"Could not read the AWS CLI version from: {result.StandardOutput}{result.StandardError}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<Result> RunAsync(IEnumerable<string> arguments, string accessKeyId, string secretAccessKey)
    {
        var executable = FindOnPath("aws");
        Assert.True(executable is not null,
            "The AWS CLI ('aws') is not on PATH. These tests drive the real CLI as the SigV4 client: install it " +
            "(Debian/Ubuntu: apt-get install awscli; or pip install awscli) and run again.");

        var empty = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(executable!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) && k != "AWS_CA_BUNDLE").ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
            start.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
            start.Environment["AWS_CONFIG_FILE"] = empty;
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = empty;
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            start.Environment["AWS_RETRY_MODE"] = "standard";
            start.Environment["AWS_MAX_ATTEMPTS"] = "1";
            start.Environment["AWS_PAGER"] = "";
            start.Environment["NO_PROXY"] = start.Environment["no_proxy"] = "127.0.0.1,localhost";

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
            try
            {
                var standardOutput = process.StandardOutput.ReadToEndAsync();
                var standardError = process.StandardError.ReadToEndAsync();
                try
                {
                    await process.WaitForExitAsync().WaitAsync(Timeout);
                }
                catch (TimeoutException)
                {
                    Assert.Fail($"aws {string.Join(' ', start.ArgumentList)} did not finish within {Timeout}.");
                }

                return new Result(process.ExitCode, await standardOutput.WaitAsync(Timeout), await standardError.WaitAsync(Timeout));
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            File.Delete(empty);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"aws-cli/(\d+)\.")]
    private static partial Regex VersionPattern();
}
