using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Definitions;
using Platform.Gateway.Integrations.Lambda;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>One call of the real <see cref="AwsProxyIntegration"/> against the fixture's function host, and what it left behind.</summary>
internal sealed record HandlerRun(GatewayError? Error, DefaultHttpContext Context, GatewayRequestFeature Feature, LogRecorder<AwsProxyIntegration> Logs)
{
    public byte[] Body => ((MemoryStream)Context.Response.Body).ToArray();

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The <c>Set-Cookie</c> lines, in order.</summary>
    public string[] Cookies => [.. Context.Response.Headers.SetCookie.Select(static c => c ?? string.Empty)];

    public string Header(string name) => Context.Response.Headers[name].ToString();

    public static IntegrationDefinition Integration(string function, string payloadFormatVersion = "2.0", int timeoutInMillis = IntegrationDefinition.DefaultTimeoutInMillis, string? uri = FunctionHostFixture.ServiceUri) =>
        new()
        {
            Name = ProxyTestRequest.IntegrationName,
            Type = IntegrationType.AwsProxy,
            IntegrationUri = uri,
            FunctionName = function,
            PayloadFormatVersion = payloadFormatVersion,
            TimeoutInMillis = timeoutInMillis,
        };

    /// <summary>Runs the handler; <paramref name="aborted"/> becomes the request's <c>RequestAborted</c>.</summary>
    public static async Task<HandlerRun> InvokeAsync(FunctionHostFixture host, ProxyTestRequest request, CancellationToken aborted = default)
    {
        var (context, feature) = request.Build();
        context.RequestAborted = aborted;
        var logs = new LogRecorder<AwsProxyIntegration>();
        using var client = host.CreateClient();
        var handler = new AwsProxyIntegration(client, logs, TimeProvider.System);

        // The abort token is the client's, not the test's: the bound on the call stays the test timeout alone.
        var error = await handler.InvokeAsync(context, feature, request.Integration).AsTask().WaitAsync(TestTimeouts.Default, CancellationToken.None);
        return new HandlerRun(error, context, feature, logs);
    }
}
