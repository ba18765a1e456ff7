namespace Platform.Functions;

/// <summary>The Lambda Invoke API as this platform serves it: paths, headers, values and limits.</summary>
public static class FunctionInvokeProtocol
{
    /// <summary>The one route that serves every function.</summary>
    public const string RouteTemplate = "/2015-03-31/functions/{functionName}/invocations";

    /// <summary>The largest request payload, 6 MB, as Lambda's synchronous invocation limit.</summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    /// <summary>The version every invocation reports.</summary>
    public const string LatestVersion = "$LATEST";

    public const string InvocationTypeHeader = "X-Amz-Invocation-Type";
    public const string ExecutedVersionHeader = "X-Amz-Executed-Version";
    public const string FunctionErrorHeader = "X-Amz-Function-Error";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>The <see cref="FunctionErrorHeader"/> value for an exception the function did not handle.</summary>
    public const string UnhandledFunctionError = "Unhandled";

    public const string RequestResponseInvocation = "RequestResponse";
    public const string DryRunInvocation = "DryRun";

    private const string ArnPrefix = "arn:aws:lambda:local:000000000000:function:";

    /// <summary>The path that invokes <paramref name="functionName"/>.</summary>
    public static string InvocationPath(string functionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        return $"/2015-03-31/functions/{Uri.EscapeDataString(functionName)}/invocations";
    }

    /// <summary>The ARN a function is known by: <c>arn:aws:lambda:local:000000000000:function:{name}</c>.</summary>
    public static string FunctionArn(string functionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        return ArnPrefix + functionName;
    }

    /// <summary>The function name in an Invoke path segment, which may be a plain name or this platform's ARN.</summary>
    public static string FunctionNameOf(string nameOrArn)
    {
        ArgumentNullException.ThrowIfNull(nameOrArn);
        return nameOrArn.StartsWith(ArnPrefix, StringComparison.Ordinal) ? nameOrArn[ArnPrefix.Length..] : nameOrArn;
    }
}
