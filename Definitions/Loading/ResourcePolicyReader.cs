using System.Net;
using System.Text.Json;
using Platform.Definitions.Policies;

namespace Platform.Definitions.Loading;

/// <summary>
/// Reads an API's resource policy, written as AWS writes IAM policies (<c>Version</c>, <c>Statement</c> as an object
/// or an array, <c>Effect</c>, <c>Principal</c>/<c>NotPrincipal</c>, <c>Action</c>, <c>Resource</c>/<c>NotResource</c>,
/// <c>Condition</c>), reporting every error with its key. Element values may be a string or an array of strings, as
/// in IAM. Only what a gateway can evaluate is accepted: action <c>execute-api:Invoke</c> (or a wildcard of it),
/// and the condition operators and keys of <see cref="PolicyCondition"/>.
/// </summary>
internal static class ResourcePolicyReader
{
    private static readonly string[] Versions = ["2012-10-17", "2008-10-17"];
    private static readonly string[] StatementProperties = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
    private static readonly string[] Actions = ["execute-api:Invoke", "execute-api:InvalidateCache", "execute-api:*", "*"];
    private static readonly string[] ConditionKeys = [PolicyCondition.SourceIpKey, PolicyCondition.ApiKeyIdKey, PolicyCondition.PrincipalIdKey];

    public static ResourcePolicyDefinition? Read(JsonElement policy, string file, string key, ICollection<DefinitionError> errors)
    {
        var before = errors.Count;
        if (JsonObjectReader.Open(policy, file, key, ["Version", "Statement", "Id"], errors) is not { } reader)
        {
            return null;
        }

        if (reader.String("Version") is { } version && !Versions.Contains(version, StringComparer.Ordinal))
        {
            errors.Add(new DefinitionError(file, reader.KeyOf("Version"), $"Version must be 2012-10-17, not '{version}'"));
        }

        var statements = new List<PolicyStatement>();
        switch (reader.Raw("Statement"))
        {
            case null:
                errors.Add(new DefinitionError(file, key, "a policy needs a Statement (an object or an array of them)"));
                break;
            case { ValueKind: JsonValueKind.Array } array:
                var index = 0;
                foreach (var item in array.EnumerateArray())
                {
                    if (ReadStatement(item, file, JsonPath.Index(reader.KeyOf("Statement"), index++), errors) is { } statement)
                    {
                        statements.Add(statement);
                    }
                }

                break;
            case { } single:
                if (ReadStatement(single, file, reader.KeyOf("Statement"), errors) is { } only)
                {
                    statements.Add(only);
                }

                break;
        }

        return errors.Count == before ? new ResourcePolicyDefinition { Statements = statements } : null;
    }

    private static PolicyStatement? ReadStatement(JsonElement element, string file, string key, ICollection<DefinitionError> errors)
    {
        var before = errors.Count;
        if (JsonObjectReader.Open(element, file, key, StatementProperties, errors) is not { } reader)
        {
            return null;
        }

        var effect = reader.String("Effect") switch
        {
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            null when !reader.Present.Contains("Effect") => Fail(errors, file, key, "Effect is required: Allow or Deny"),
            var other => Fail(errors, file, reader.KeyOf("Effect"), $"Effect must be Allow or Deny, not '{other}'"),
        };

        if (reader.Present.Contains("NotAction"))
        {
            errors.Add(new DefinitionError(file, reader.KeyOf("NotAction"), "NotAction is not supported: name the action with Action (execute-api:Invoke)"));
        }

        var actions = Values(reader, "Action", file, errors) ?? ["execute-api:Invoke"];
        foreach (var action in actions.Where(a => !Actions.Contains(a, StringComparer.Ordinal)))
        {
            errors.Add(new DefinitionError(file, reader.KeyOf("Action"),
                $"action '{action}' cannot be evaluated by the gateway; use execute-api:Invoke or execute-api:InvalidateCache"));
        }

        var notPrincipal = reader.Present.Contains("NotPrincipal");
        if (notPrincipal && reader.Present.Contains("Principal"))
        {
            errors.Add(new DefinitionError(file, key, "a statement has Principal or NotPrincipal, not both"));
        }

        var principals = Principals(reader, notPrincipal ? "NotPrincipal" : "Principal", file, errors) ?? ["*"];

        var notResource = reader.Present.Contains("NotResource");
        if (notResource && reader.Present.Contains("Resource"))
        {
            errors.Add(new DefinitionError(file, key, "a statement has Resource or NotResource, not both"));
        }

        var resourceProperty = notResource ? "NotResource" : "Resource";
        var resources = Values(reader, resourceProperty, file, errors) ?? ["execute-api:/*"];
        foreach (var resource in resources.Where(static r => r != "*" && !r.StartsWith("execute-api:/", StringComparison.Ordinal)
            && !r.StartsWith("arn:aws:execute-api:", StringComparison.Ordinal)))
        {
            errors.Add(new DefinitionError(file, reader.KeyOf(resourceProperty),
                $"resource '{resource}' must be an execute-api ARN (arn:aws:execute-api:...) or execute-api:/{{stage}}/{{METHOD}}/{{path}}"));
        }

        var conditions = reader.Raw("Condition") is { } condition ? Conditions(condition, file, reader.KeyOf("Condition"), errors) : [];
        return errors.Count == before
            ? new PolicyStatement
            {
                Sid = reader.String("Sid"),
                Effect = effect,
                Principals = principals,
                NotPrincipal = notPrincipal,
                Actions = actions,
                Resources = resources,
                NotResource = notResource,
                Conditions = conditions,
            }
            : null;
    }

    private static PolicyEffect Fail(ICollection<DefinitionError> errors, string file, string key, string message)
    {
        errors.Add(new DefinitionError(file, key, message));
        return PolicyEffect.Deny;
    }

    /// <summary><c>"*"</c>, or <c>{"AWS": "x"}</c> / <c>{"AWS": ["x", "y"]}</c>.</summary>
    private static List<string>? Principals(JsonObjectReader reader, string name, string file, ICollection<DefinitionError> errors)
    {
        switch (reader.Raw(name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } text when text.GetString() == "*":
                return ["*"];
            case { ValueKind: JsonValueKind.Object } map:
                var principals = new List<string>();
                foreach (var property in map.EnumerateObject())
                {
                    if (property.Name != "AWS")
                    {
                        errors.Add(new DefinitionError(file, JsonPath.Property(reader.KeyOf(name), property.Name),
                            $"principal type '{property.Name}' is not supported; use \"*\" or {{\"AWS\": [...]}} (access key ids, IAM user ARNs, authorizer principal ids)"));
                        continue;
                    }

                    principals.AddRange(StringOrArray(property.Value, file, JsonPath.Property(reader.KeyOf(name), "AWS"), errors));
                }

                return principals;
            default:
                errors.Add(new DefinitionError(file, reader.KeyOf(name), $"{name} must be \"*\" or {{\"AWS\": [...]}}"));
                return null;
        }
    }

    private static List<string>? Values(JsonObjectReader reader, string name, string file, ICollection<DefinitionError> errors) =>
        reader.Raw(name) is { } value ? StringOrArray(value, file, reader.KeyOf(name), errors) : null;

    private static List<string> StringOrArray(JsonElement value, string file, string key, ICollection<DefinitionError> errors)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } single)
        {
            return [single];
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var items = new List<string>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text)
                {
                    items.Add(text);
                }
                else
                {
                    errors.Add(new DefinitionError(file, JsonPath.Index(key, index), $"must be a non-empty string, not {JsonObjectReader.KindOf(item)}"));
                }

                index++;
            }

            if (items.Count == 0 && index == 0)
            {
                errors.Add(new DefinitionError(file, key, "must not be empty"));
            }

            return items;
        }

        errors.Add(new DefinitionError(file, key, $"must be a non-empty string or an array of strings, not {JsonObjectReader.KindOf(value)}"));
        return [];
    }

    /// <summary><c>{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8"]}, "StringEquals": {...}}</c>.</summary>
    private static List<PolicyCondition> Conditions(JsonElement element, string file, string key, ICollection<DefinitionError> errors)
    {
        var conditions = new List<PolicyCondition>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DefinitionError(file, key, $"Condition must be an object, not {JsonObjectReader.KindOf(element)}"));
            return conditions;
        }

        foreach (var operatorProperty in element.EnumerateObject())
        {
            var operatorKey = JsonPath.Property(key, operatorProperty.Name);
            if (!Enum.TryParse<PolicyConditionOperator>(operatorProperty.Name, ignoreCase: false, out var op)
                || !Enum.IsDefined(op) || int.TryParse(operatorProperty.Name, out _))
            {
                errors.Add(new DefinitionError(file, operatorKey,
                    $"condition operator '{operatorProperty.Name}' is not supported; use one of: {string.Join(", ", Enum.GetNames<PolicyConditionOperator>())}"));
                continue;
            }

            if (operatorProperty.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new DefinitionError(file, operatorKey, "must be an object of condition keys to values"));
                continue;
            }

            foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
            {
                var conditionKey = JsonPath.Property(operatorKey, keyProperty.Name);
                var name = ConditionKeys.FirstOrDefault(k => k.Equals(keyProperty.Name, StringComparison.OrdinalIgnoreCase));
                if (name is null)
                {
                    errors.Add(new DefinitionError(file, conditionKey,
                        $"condition key '{keyProperty.Name}' is not supported; use one of: {string.Join(", ", ConditionKeys)}"));
                    continue;
                }

                var values = StringOrArray(keyProperty.Value, file, conditionKey, errors);
                var ipOperator = op is PolicyConditionOperator.IpAddress or PolicyConditionOperator.NotIpAddress;
                if (ipOperator && name != PolicyCondition.SourceIpKey)
                {
                    errors.Add(new DefinitionError(file, conditionKey, $"{op} applies to aws:SourceIp only"));
                    continue;
                }

                var networks = new List<IPNetwork>();
                if (ipOperator)
                {
                    foreach (var value in values)
                    {
                        if (TryParseNetwork(value, out var network, out var error))
                        {
                            networks.Add(network);
                        }
                        else
                        {
                            errors.Add(new DefinitionError(file, conditionKey, error));
                        }
                    }
                }

                conditions.Add(new PolicyCondition { Operator = op, Key = name, Values = values, Networks = networks });
            }
        }

        return conditions;
    }

    /// <summary>A CIDR block (IPv4 or IPv6) with no host bits set, or a single address (a /32 or /128).</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network, out string error)
    {
        error = "";
        if (!text.Contains('/', StringComparison.Ordinal))
        {
            if (IPAddress.TryParse(text, out var address))
            {
                network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
                return true;
            }
        }
        else if (IPNetwork.TryParse(text, out network)
            && IPAddress.TryParse(text.AsSpan(0, text.IndexOf('/', StringComparison.Ordinal)), out var written)
            && written.Equals(network.BaseAddress))
        {
            // IPNetwork masks host bits away silently; a block written with them set is most likely a typo.
            return true;
        }

        network = default;
        error = $"'{text}' is not a CIDR block (e.g. 203.0.113.0/24 or 2001:db8::/32) with no bits set after the prefix";
        return false;
    }
}
