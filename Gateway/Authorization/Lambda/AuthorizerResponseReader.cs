using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// Reads what a Lambda authorizer function returned (AWS-REFERENCE §5.2). Anything this reader rejects is a
/// malformed response, which the gateway answers with 500 (<c>AUTHORIZER_CONFIGURATION_ERROR</c>).
/// <list type="bullet">
/// <item>Simple responses (payload 2.0 with <c>enableSimpleResponses</c>): <c>{"isAuthorized": bool, "context": {...}}</c>.
/// Only the JSON literals <c>true</c> and <c>false</c> are decisions. Our choice where AWS documents none: any other
/// <c>isAuthorized</c> (the strings <c>"true"</c> and <c>"false"</c>, numbers, null) or none at all is a malformed
/// response, so it never allows — in particular the string <c>"false"</c>, which an emulator once took for an allow.</item>
/// <item>Policy responses: <c>{"principalId", "policyDocument": {"Version", "Statement"}, "context", "usageIdentifierKey"}</c>;
/// <c>Statement</c> an object or an array of them, each with <c>Effect</c> <c>Allow</c>|<c>Deny</c> (IAM's spelling) and
/// <c>Action</c> and <c>Resource</c> as a string or an array of strings. <c>principalId</c> may be left out.</item>
/// <item><c>context</c> values must be strings, numbers or booleans; an object or array is malformed, as AWS
/// rejects it. A null value is dropped: there is nothing to pass on.</item>
/// </list>
/// </summary>
internal static class AuthorizerResponseReader
{
    public static bool TryRead(
        ReadOnlyMemory<byte> payload, bool simple, [NotNullWhen(true)] out AuthorizerDecision? decision, [NotNullWhen(false)] out string? failure)
    {
        decision = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            failure = $"the response is not JSON ({ex.Message})";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                failure = $"the response is a JSON {Kind(root)}, not an object";
                return false;
            }

            if (!TryReadContext(root, out var context, out failure))
            {
                return false;
            }

            return simple ? TryReadSimple(root, context, out decision, out failure) : TryReadPolicy(root, context, out decision, out failure);
        }
    }

    private static bool TryReadSimple(
        JsonElement root, Dictionary<string, JsonElement>? context, [NotNullWhen(true)] out AuthorizerDecision? decision, [NotNullWhen(false)] out string? failure)
    {
        decision = null;
        if (!root.TryGetProperty("isAuthorized", out var authorized))
        {
            failure = "the simple response has no isAuthorized";
            return false;
        }

        if (authorized.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            failure = $"isAuthorized must be a JSON boolean, not a {Kind(authorized)} ({authorized.GetRawText()})";
            return false;
        }

        decision = new AuthorizerDecision { IsAuthorized = authorized.GetBoolean(), Context = context };
        failure = null;
        return true;
    }

    private static bool TryReadPolicy(
        JsonElement root, Dictionary<string, JsonElement>? context, [NotNullWhen(true)] out AuthorizerDecision? decision, [NotNullWhen(false)] out string? failure)
    {
        decision = null;
        if (!TryReadOptionalString(root, "principalId", out var principal, out failure)
            || !TryReadOptionalString(root, "usageIdentifierKey", out var usageKey, out failure))
        {
            return false;
        }

        if (!root.TryGetProperty("policyDocument", out var document) || document.ValueKind != JsonValueKind.Object)
        {
            failure = "the response has no policyDocument object";
            return false;
        }

        if (!document.TryGetProperty("Statement", out var statement))
        {
            failure = "the policyDocument has no Statement";
            return false;
        }

        var statements = new List<AuthorizerPolicyStatement>();
        if (statement.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in statement.EnumerateArray())
            {
                if (!TryReadStatement(item, statements, out failure))
                {
                    return false;
                }
            }
        }
        else if (!TryReadStatement(statement, statements, out failure))
        {
            return false;
        }

        decision = new AuthorizerDecision { PrincipalId = principal, Statements = statements, Context = context, UsageIdentifierKey = usageKey };
        failure = null;
        return true;
    }

    private static bool TryReadStatement(JsonElement statement, List<AuthorizerPolicyStatement> statements, [NotNullWhen(false)] out string? failure)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            failure = $"a policy statement is a JSON {Kind(statement)}, not an object";
            return false;
        }

        var effect = statement.TryGetProperty("Effect", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (effect is not ("Allow" or "Deny"))
        {
            failure = $"a policy statement's Effect must be \"Allow\" or \"Deny\", not {(effect is null ? "missing" : $"\"{effect}\"")}";
            return false;
        }

        if (!TryReadStrings(statement, "Action", out var actions, out failure) || !TryReadStrings(statement, "Resource", out var resources, out failure))
        {
            return false;
        }

        statements.Add(new AuthorizerPolicyStatement(effect == "Allow", actions, resources));
        return true;
    }

    // "Action": "execute-api:Invoke" or ["execute-api:Invoke", ...]; at least one string.
    private static bool TryReadStrings(JsonElement statement, string name, [NotNullWhen(true)] out List<string>? values, [NotNullWhen(false)] out string? failure)
    {
        values = null;
        if (!statement.TryGetProperty(name, out var element))
        {
            failure = $"a policy statement has no {name}";
            return false;
        }

        var list = new List<string>();
        if (element.ValueKind == JsonValueKind.String)
        {
            list.Add(element.GetString()!);
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    failure = $"a policy statement's {name} holds a JSON {Kind(item)}, not a string";
                    return false;
                }

                list.Add(item.GetString()!);
            }
        }

        if (list.Count == 0)
        {
            failure = $"a policy statement's {name} must be a string or a non-empty array of strings";
            return false;
        }

        values = list;
        failure = null;
        return true;
    }

    private static bool TryReadContext(JsonElement root, out Dictionary<string, JsonElement>? context, [NotNullWhen(false)] out string? failure)
    {
        context = null;
        failure = null;
        if (!root.TryGetProperty("context", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            failure = $"context is a JSON {Kind(element)}, not an object";
            return false;
        }

        context = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    context[property.Name] = property.Value.Clone();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    failure = $"context value '{property.Name}' is a JSON {Kind(property.Value)}; only strings, numbers and booleans are allowed";
                    return false;
            }
        }

        return true;
    }

    private static bool TryReadOptionalString(JsonElement root, string name, out string? value, [NotNullWhen(false)] out string? failure)
    {
        value = null;
        failure = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            failure = $"{name} is a JSON {Kind(element)}, not a string";
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
