using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Functions;

namespace Platform.Samples.Functions;

/// <summary>
/// <c>slow</c>: answers <c>{"message":"slow response"}</c> after <see cref="SamplesOptions.SlowDelay"/>, measured by the
/// injected clock. It stops waiting as soon as the invocation is cancelled (the caller, e.g. a gateway whose
/// integration timed out, went away), so an abandoned call holds nothing.
/// </summary>
internal sealed partial class SlowFunction(IOptions<SamplesOptions> options, TimeProvider timeProvider, ILogger<SlowFunction> logger)
{
    public const string Name = "slow";
    public const string ResponseBody = """{"message":"slow response"}""";

    private readonly TimeSpan _delay = options.Value.SlowDelay;

    public async Task<APIGatewayHttpApiV2ProxyResponse> HandleAsync(JsonElement @event, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        Log.Waiting(logger, context.AwsRequestId, _delay);
        try
        {
            await Task.Delay(_delay, timeProvider, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            Log.Abandoned(logger, context.AwsRequestId);
            throw;
        }

        return SampleResponses.Json(ResponseBody);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Invocation {AwsRequestId}: answering in {Delay}.")]
        public static partial void Waiting(ILogger logger, string awsRequestId, TimeSpan delay);

        [LoggerMessage(2, LogLevel.Information, "Invocation {AwsRequestId}: the caller went away; stopped waiting.")]
        public static partial void Abandoned(ILogger logger, string awsRequestId);
    }
}
