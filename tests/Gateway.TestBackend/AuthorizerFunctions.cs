using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Functions;

namespace Platform.Gateway.TestBackend;

/// <summary>
/// Functions for the gateway's Lambda authorizer tests, served through the real function host (<c>MapFunction</c>):
/// <list type="bullet">
/// <item><c>authorizer</c>: answers by the caller's token (TOKEN: <c>authorizationToken</c>; REQUEST: the first
/// identity source value, else the <c>Authorization</c> header). The part of the token before the first <c>.</c>
/// chooses the answer (see <see cref="Answer"/>); the rest makes the token unique to a test. Every invocation is
/// logged under the whole token with the event received;</item>
/// <item><c>authz-echo</c>: an integration answering 200 with the event it received as the body;</item>
/// <item><c>authorizer-not-json</c>: a plain endpoint answering 200 with a body that is not JSON.</item>
/// </list>
/// <c>GET /authorizer-log?token=T</c> answers <c>{"invocations":n,"aborted":m,"lastEvent":{...}}</c> for a token.
/// </summary>
internal static class AuthorizerFunctions
{
    private static readonly ConcurrentDictionary<string, TokenLog> Log = new(StringComparer.Ordinal);

    public static IServiceCollection AddAuthorizerFunctions(this IServiceCollection services) => services.AddFunctions();

    public static void MapAuthorizerFunctions(this IEndpointRouteBuilder app)
    {
        app.MapFunction<JsonElement, JsonElement>("authorizer", static async (e, context) =>
        {
            var token = TokenOf(e);
            var log = Log.GetOrAdd(token, static _ => new TokenLog());
            log.Received(e);
            var behaviour = token.Split('.', 2)[0];
            if (behaviour == "slow")
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    log.Aborted();
                    throw;
                }
            }

            return Parse(Answer(behaviour, token, e));
        });

        app.MapFunction<JsonElement, JsonElement>("authz-echo", static (e, _) => Parse(new JsonObject
        {
            ["statusCode"] = 200,
            ["headers"] = new JsonObject { ["content-type"] = "application/json" },
            ["body"] = e.GetRawText(),
        }.ToJsonString()));

        app.MapPost(FunctionInvokeProtocol.InvocationPath("authorizer-not-json"), static (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{\"principalId\": not json", context.RequestAborted);
        });

        // With invocations/aborted, answers once the token's log has at least that many (a long poll: the test waits on
        // the backend's own signal instead of asking again and again); the caller's timeout bounds the wait.
        app.MapGet("/authorizer-log", static async (string token, int? invocations, int? aborted, CancellationToken cancellationToken) =>
        {
            var log = Log.GetOrAdd(token, static _ => new TokenLog());
            await log.WaitUntilAsync(invocations ?? 0, aborted ?? 0, cancellationToken);
            return Results.Text(log.Report(), "application/json");
        });
    }

    /// <summary>
    /// What the function answers for a behaviour: <c>allow</c> (a policy allowing exactly the request's ARN, with a
    /// context, principal and usage key), <c>allow-object</c> (the same with Statement, Action and Resource as single
    /// values), <c>allow-reports</c> (Allow <c>GET /reports/*</c> only), <c>deny</c> (Allow <c>*</c> and an explicit Deny of
    /// the request's ARN), <c>elsewhere</c> (Allow of another API only), <c>simple-true</c>, <c>simple-false</c>,
    /// <c>simple-true-string</c>, <c>simple-false-string</c>, <c>simple-missing</c>, <c>throw</c> (the error
    /// "Unauthorized"), <c>boom</c> (another error), <c>slow</c> (never answers; waits for the caller to leave),
    /// <c>context-object</c>, <c>context-array</c>, <c>bad-effect</c>, <c>no-policy</c>, <c>a-string</c>.
    /// </summary>
    private static string Answer(string behaviour, string token, JsonElement e)
    {
        var arn = e.TryGetProperty("methodArn", out var method) ? method.GetString()! : e.GetProperty("routeArn").GetString()!;
        var context = new JsonObject { ["user"] = token, ["count"] = 7, ["admin"] = true };
        return behaviour switch
        {
            "allow" => Policy(token, new JsonArray(Statement("Allow", new JsonArray("execute-api:Invoke"), new JsonArray(arn))), context, "usage-" + token),
            "allow-object" => Policy(token, Statement("Allow", "execute-api:Invoke", arn), context, null),
            "allow-reports" => Policy(token, new JsonArray(Statement("Allow", "execute-api:Invoke", "arn:aws:execute-api:*:*:*/*/GET/reports/*")), context, null),
            "deny" => Policy(token, new JsonArray(Statement("Allow", "execute-api:Invoke", "*"), Statement("Deny", "execute-api:*", arn)), context, null),
            "elsewhere" => Policy(token, new JsonArray(Statement("Allow", "execute-api:Invoke", "arn:aws:execute-api:*:*:another-api/*")), context, null),
            "simple-true" => new JsonObject { ["isAuthorized"] = true, ["context"] = context }.ToJsonString(),
            "simple-false" => new JsonObject { ["isAuthorized"] = false, ["context"] = context }.ToJsonString(),
            "simple-true-string" => new JsonObject { ["isAuthorized"] = "true" }.ToJsonString(),
            "simple-false-string" => new JsonObject { ["isAuthorized"] = "false" }.ToJsonString(),
            "simple-missing" => new JsonObject { ["context"] = context }.ToJsonString(),
            "throw" => throw new UnauthorizedAccessException("Unauthorized"),
            "boom" => throw new InvalidOperationException("boom"),
            "context-object" => Policy(token, new JsonArray(Statement("Allow", "execute-api:Invoke", "*")), new JsonObject { ["nested"] = new JsonObject { ["a"] = 1 } }, null),
            "context-array" => Policy(token, new JsonArray(Statement("Allow", "execute-api:Invoke", "*")), new JsonObject { ["list"] = new JsonArray(1, 2) }, null),
            "bad-effect" => Policy(token, new JsonArray(Statement("allow", "execute-api:Invoke", "*")), null, null),
            "no-policy" => new JsonObject { ["principalId"] = token }.ToJsonString(),
            "a-string" => "\"Allow\"",
            _ => throw new InvalidOperationException($"no behaviour '{behaviour}'"),
        };
    }

    private static string Policy(string token, JsonNode statement, JsonObject? context, string? usageKey)
    {
        var policy = new JsonObject
        {
            ["principalId"] = "principal-" + token,
            ["policyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statement },
        };
        if (context is not null)
        {
            policy["context"] = context;
        }

        if (usageKey is not null)
        {
            policy["usageIdentifierKey"] = usageKey;
        }

        return policy.ToJsonString();
    }

    private static JsonObject Statement(string effect, JsonNode action, JsonNode resource) =>
        new() { ["Effect"] = effect, ["Action"] = action, ["Resource"] = resource };

    private static string TokenOf(JsonElement e)
    {
        if (e.TryGetProperty("authorizationToken", out var token) && e.GetProperty("type").GetString() == "TOKEN")
        {
            return token.GetString()!;
        }

        if (e.TryGetProperty("identitySource", out var identity))
        {
            return identity.ValueKind == JsonValueKind.Array ? identity[0].GetString()! : identity.GetString()!.Split(',')[0];
        }

        foreach (var header in e.GetProperty("headers").EnumerateObject())
        {
            if (header.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                return header.Value.GetString()!;
            }
        }

        throw new InvalidOperationException("the event carries no token");
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private sealed class TokenLog
    {
        private readonly Lock _lock = new();
        private int _invocations;
        private int _aborted;
        private string? _lastEvent;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Received(JsonElement e)
        {
            lock (_lock)
            {
                _invocations++;
                _lastEvent = e.GetRawText();
                Signal();
            }
        }

        public void Aborted()
        {
            lock (_lock)
            {
                _aborted++;
                Signal();
            }
        }

        /// <summary>Completes when the log has at least <paramref name="invocations"/> invocations and <paramref name="aborted"/> aborts.</summary>
        public async Task WaitUntilAsync(int invocations, int aborted, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    if (_invocations >= invocations && _aborted >= aborted)
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(cancellationToken);
            }
        }

        // Under the lock: wakes every waiter, and the next change gets a fresh signal.
        private void Signal()
        {
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public string Report()
        {
            lock (_lock)
            {
                return $$"""{"invocations":{{_invocations}},"aborted":{{_aborted}},"lastEvent":{{_lastEvent ?? "null"}}}""";
            }
        }
    }
}
