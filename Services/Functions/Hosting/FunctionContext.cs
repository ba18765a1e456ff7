using Microsoft.Extensions.Logging;

namespace Platform.Functions;

/// <summary>
/// What a function knows about the invocation it is serving (the counterpart of Lambda's <c>ILambdaContext</c>).
/// The host creates one per invocation; tests of a handler may create their own.
/// </summary>
public sealed class FunctionContext
{
    /// <summary>The name the function was mapped under.</summary>
    public required string FunctionName { get; init; }

    /// <summary>This invocation's id, new for each one; the response carries it as <c>x-amzn-RequestId</c>.</summary>
    public required string AwsRequestId { get; init; }

    /// <summary><c>arn:aws:lambda:local:000000000000:function:{name}</c>.</summary>
    public required string InvokedFunctionArn { get; init; }

    /// <summary>Always <c>$LATEST</c>: functions here are not versioned.</summary>
    public string FunctionVersion { get; init; } = FunctionInvokeProtocol.LatestVersion;

    /// <summary>A logger named <c>Platform.Functions.{name}</c>; entries carry the invocation id in their scope.</summary>
    public required ILogger Logger { get; init; }

    /// <summary>The invoke request's services (scoped to this invocation).</summary>
    public required IServiceProvider RequestServices { get; init; }

    /// <summary>Cancelled when the caller abandons the invocation.</summary>
    public CancellationToken CancellationToken { get; init; }
}
