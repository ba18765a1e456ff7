namespace Platform.ConnectionHub.Tests.Observability;

/// <summary>
/// The WebSocket APIs of the telemetry tests, named apart from every other test's, backed by the
/// <see cref="Infrastructure.FunctionsBackend"/> (service <c>functions</c>) except <c>unreachable</c>, whose
/// integration points at a loopback port nothing listens on.
/// </summary>
internal static class ObservedApis
{
    public const string Api = "observed";
    public const string Stage = "live";

    /// <summary>An API whose <c>$connect</c> integration fails.</summary>
    public const string FailingConnectApi = "guarded";

    public const int MaxFrameBytes = 1024;
    public const int MaxMessageBytes = 4096;

    public const string Json = """
        {
          "apis": {
            "observed": {
              "protocol": "WEBSOCKET",
              "routeSelectionExpression": "$request.body.action",
              "webSocketSettings": {"maxFrameBytes": 1024, "maxMessageBytes": 4096},
              "routes": {
                "$connect": {"integration": "connect"},
                "$disconnect": {"integration": "disconnect"},
                "echo": {"integration": "echo", "routeResponseSelectionExpression": "$default"},
                "oneway": {"integration": "echo"},
                "trace": {"integration": "trace", "routeResponseSelectionExpression": "$default"},
                "fail": {"integration": "fail", "routeResponseSelectionExpression": "$default"},
                "unreachable": {"integration": "unreachable", "routeResponseSelectionExpression": "$default"}
              },
              "integrations": {
                "connect": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "connect"},
                "disconnect": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "disconnect"},
                "echo": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "echo"},
                "trace": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "traceparent"},
                "fail": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "fail"},
                "unreachable": {"integrationType": "AWS_PROXY", "integrationUri": "http://127.0.0.1:1", "functionName": "echo"}
              },
              "stages": {"live": {}}
            },
            "guarded": {
              "protocol": "WEBSOCKET",
              "routeSelectionExpression": "$request.body.action",
              "routes": {"$connect": {"integration": "fail"}, "$default": {"integration": "echo"}},
              "integrations": {
                "fail": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "fail"},
                "echo": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "echo"}
              },
              "stages": {"live": {}}
            }
          }
        }
        """;
}
