namespace Platform.ConnectionHub.Tests.Infrastructure;

/// <summary>The WebSocket APIs the hub tests use, all backed by <see cref="FunctionsBackend"/> (service <c>functions</c>).</summary>
public static class TestApis
{
    public const string Json = """
        {
          "apis": {
            "chat": {
              "protocol": "WEBSOCKET",
              "routeSelectionExpression": "$request.body.action",
              "routes": {
                "$connect": {"integration": "connect"},
                "$disconnect": {"integration": "disconnect"},
                "echo": {"integration": "echo", "routeResponseSelectionExpression": "$default"},
                "whoami": {"integration": "whoami", "routeResponseSelectionExpression": "$default"},
                "oneway": {"integration": "echo"},
                "fail": {"integration": "fail", "routeResponseSelectionExpression": "$default"},
                "trace": {"integration": "trace", "routeResponseSelectionExpression": "$default"}
              },
              "integrations": {
                "connect": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "connect"},
                "disconnect": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "disconnect"},
                "echo": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "echo"},
                "whoami": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "whoami"},
                "fail": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "fail"},
                "trace": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "traceparent"}
              },
              "stages": {"prod": {}}
            },
            "tight": {
              "protocol": "WEBSOCKET",
              "routeSelectionExpression": "${request.body.service}/${request.body.action}",
              "webSocketSettings": {"idleTimeoutSeconds": 2, "maxConnectionDurationSeconds": 600, "maxFrameBytes": 1024, "maxMessageBytes": 4096},
              "routes": {
                "$disconnect": {"integration": "disconnect"},
                "$default": {"integration": "echo", "routeResponseSelectionExpression": "$default"},
                "chat/whoami": {"integration": "whoami", "routeResponseSelectionExpression": "$default"}
              },
              "integrations": {
                "disconnect": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "disconnect"},
                "echo": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "echo"},
                "whoami": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "whoami"}
              },
              "stages": {"dev": {}}
            },
            "binary": {
              "protocol": "WEBSOCKET",
              "routeSelectionExpression": "$request.body.action",
              "webSocketSettings": {"allowBinaryFrames": true},
              "routes": {"$default": {"integration": "echo", "routeResponseSelectionExpression": "$default"}},
              "integrations": {"echo": {"integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "echo"}},
              "stages": {"prod": {}}
            }
          }
        }
        """;

    public const string AccessKeyId = "AKIAPLATFORMDEVKEY01";
    public const string SecretAccessKey = "platformDevSecretKey0123456789";
}
